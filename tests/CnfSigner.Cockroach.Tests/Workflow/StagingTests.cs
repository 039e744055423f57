using CnfSigner.Cockroach.Workflow;

namespace CnfSigner.Cockroach.Tests.Workflow;

/// <summary>A step's guarded CA database and -outdir: put back unless the step commits.</summary>
public class StagingTests
{
    private string _dir = "", _old = "";

    [SetUp]
    public void SetUp()
    {
        _old = Directory.GetCurrentDirectory();
        _dir = Directory.CreateTempSubdirectory("cnfsigner-staging-").FullName;
        Directory.SetCurrentDirectory(_dir);
        File.WriteAllText("index.txt", "V\trow1\n");
        Directory.CreateDirectory("issued");
        File.WriteAllText("issued/01.pem", "one");
    }

    [TearDown]
    public void TearDown()
    {
        Directory.SetCurrentDirectory(_old);
        Directory.Delete(_dir, recursive: true);
    }

    // What `ca` does to the database and issued/ in the middle of a step.
    private static void Sign(Staging step)
    {
        step.Guard("index.txt", "index.txt.old", "serial.txt");
        step.GuardDirectory("issued");
        File.Copy("index.txt", "index.txt.old");
        File.AppendAllText("index.txt", "V\trow2\n");
        File.WriteAllText("serial.txt", "03\n");
        File.WriteAllText("issued/02.pem", "two");
        File.WriteAllText(step.Deliver("x.crt", "x.crt"), "cert");
    }

    [Test]
    public void A_step_that_fails_after_ca_takes_the_row_the_serial_and_the_copy_back()
    {
        using (var step = new Staging(_ => { })) Sign(step); // no Commit: a later part of the step threw
        File.ReadAllText("index.txt").ShouldBe("V\trow1\n");
        File.Exists("index.txt.old").ShouldBeFalse();
        File.Exists("serial.txt").ShouldBeFalse();
        Directory.GetFiles("issued").Select(Path.GetFileName).ShouldBe(["01.pem"]);
        File.Exists("x.crt").ShouldBeFalse();
        Directory.GetDirectories(".").Select(Path.GetFileName).ShouldBe(["issued"]);
    }

    [Test]
    public void A_committed_step_keeps_them()
    {
        using (var step = new Staging(_ => { }))
        {
            Sign(step);
            step.Commit();
        }
        File.ReadAllText("index.txt").ShouldBe("V\trow1\nV\trow2\n");
        File.ReadAllText("serial.txt").ShouldBe("03\n");
        Directory.GetFiles("issued").Select(Path.GetFileName).Order().ShouldBe(["01.pem", "02.pem"]);
        File.ReadAllText("x.crt").ShouldBe("cert");
    }
}

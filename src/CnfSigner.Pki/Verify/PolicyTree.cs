using System.Text;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// The RFC 5280 certificate policy tree as OpenSSL 3.0 builds it (crypto/x509/pcy_tree.c X509_policy_check()):
/// certificatePolicies, policyMappings, policyConstraints and inhibitAnyPolicy of each certificate below the trust
/// anchor, the initial explicit-policy, inhibit-any and inhibit-map settings and the user's acceptable policies.
/// OpenSSL's sorted stacks (sorted in place when searched) decide the order policies are printed in; they are
/// kept here as lists sorted at the same moments.
/// </summary>
internal sealed class PolicyTree
{
    public const string AnyPolicy = "2.5.29.32.0";
    private const int NodeMaximum = 1000; // OPENSSL_POLICY_TREE_NODES_MAX, CVE-2023-0464

    public enum Outcome { Failure, Invalid, Internal, Valid }

    private const int Empty = 2, Explicit = 4, ValidBit = 1;
    private const int FlagInhibitAny = 1, FlagInhibitMap = 2;

    private sealed class Data(string oid, bool critical, Der? qualifiers)
    {
        public string Oid { get; } = oid;
        public bool Critical { get; } = critical;
        public Der? Qualifiers { get; } = qualifiers;
        public bool Mapped { get; set; }
        public bool MappedAny { get; set; }
        public bool MapMask => Mapped || MappedAny;
        public List<string> Expected { get; } = [];
    }

    private sealed class Node(Data data, Node? parent)
    {
        public Data Data { get; } = data;
        public Node? Parent { get; } = parent;
        public int Children { get; set; }
    }

    private sealed class Level
    {
        public int Flags { get; set; }
        public Cache? Cache { get; init; }
        public List<Node> Nodes { get; } = [];
        public Node? Any { get; set; }
    }

    /// <summary>pcy_cache.c: one certificate's policy extensions.</summary>
    private sealed class Cache
    {
        public List<Data>? Data { get; set; }
        public Data? Any { get; set; }
        public long AnySkip { get; set; } = -1;
        public long ExplicitSkip { get; set; } = -1;
        public long MapSkip { get; set; } = -1;
        public bool Invalid { get; set; }
    }

    private readonly List<Level> _levels = [];
    private int _nodeCount;
    private List<Node>? _authPolicies;
    private List<Node>? _userPolicies;
    private bool _anyUserPolicy;

    /// <summary>X509_policy_check(): the outcome, the tree (null when empty) and whether an explicit policy was required.</summary>
    public static (Outcome Outcome, PolicyTree? Tree, bool ExplicitPolicy, IReadOnlyList<int> InvalidDepths) Check(
        IReadOnlyList<CertificateFacts> chain, IReadOnlyList<string> policies, VerifyOptions options)
    {
        var caches = chain.Take(chain.Count - 1).Select(ReadCache).ToList();
        var tree = new PolicyTree();
        var init = tree.Init(chain, caches, options);
        var invalid = caches.Select((c, i) => (c, i)).Where(p => p.c.Invalid).Select(p => p.i).ToList();
        if (init == -1) return (Outcome.Invalid, null, false, invalid);
        var explicitPolicy = (init & Explicit) != 0;
        if ((init & Empty) != 0) return (explicitPolicy ? Outcome.Failure : Outcome.Valid, null, explicitPolicy, invalid);

        var evaluated = tree.Evaluate();
        if (evaluated == 0) return (Outcome.Internal, null, explicitPolicy, invalid);
        if (evaluated == Empty) return (explicitPolicy ? Outcome.Failure : Outcome.Valid, null, explicitPolicy, invalid);
        var authNodes = tree.CalculateAuthoritySet();
        if (!tree.CalculateUserSet(policies, authNodes)) return (Outcome.Internal, null, explicitPolicy, invalid);
        // 3.0.19 hands the tree back before this test (later releases free it), so error 43 prints its policies
        if (explicitPolicy && (tree.UserPolicies?.Count ?? 0) == 0) return (Outcome.Failure, tree, true, invalid);
        return (Outcome.Valid, tree, explicitPolicy, invalid);
    }

    private List<Node>? UserPolicies => _anyUserPolicy ? _authPolicies : _userPolicies;

    /// <summary>apps/lib/apps.c policies_print().</summary>
    public static string Print(PolicyTree? tree, bool explicitPolicy)
    {
        var output = new StringBuilder($"Require explicit Policy: {(explicitPolicy ? "True" : "False")}\n");
        NodesPrint(output, "Authority", tree?._authPolicies);
        NodesPrint(output, "User", tree?.UserPolicies);
        return output.ToString();
    }

    private static void NodesPrint(StringBuilder output, string name, List<Node>? nodes)
    {
        output.Append(name).Append(" Policies:");
        if (nodes == null)
        {
            output.Append(" <empty>\n");
            return;
        }
        output.Append('\n');
        // X509_POLICY_NODE_print()
        foreach (var node in nodes)
        {
            output.Append("  Policy: ").Append(ObjectNames.Text(node.Data.Oid)).Append('\n');
            output.Append("    ").Append(node.Data.Critical ? "Critical" : "Non Critical").Append('\n');
            if (node.Data.Qualifiers is { } qualifiers)
            {
                PolicyPrinters.Qualifiers(output, qualifiers, 4);
                output.Append('\n');
            }
            else output.Append("    No Qualifiers\n");
        }
    }

    // OBJ_cmp(): shorter encodings first, then byte order
    private static int CompareOids(string a, string b)
    {
        if (a == b) return 0;
        byte[] x = new DerObjectIdentifier(a).GetEncoded(), y = new DerObjectIdentifier(b).GetEncoded();
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.AsSpan().SequenceCompareTo(y);
    }

    private static void SortData(List<Data> list) => list.Sort((a, b) => CompareOids(a.Oid, b.Oid));
    private static void SortNodes(List<Node> list) => list.Sort((a, b) => CompareOids(a.Data.Oid, b.Data.Oid));

    /// <summary>pcy_cache.c policy_cache_new(): a failure to decode, a repeated or malformed extension marks the certificate.</summary>
    private static Cache ReadCache(CertificateFacts facts)
    {
        var cache = new Cache();
        var extensions = facts.Certificate.CertificateStructure.TbsCertificate.Extensions;
        Asn1Object? Get(string oid, out bool critical)
        {
            critical = false;
            var ext = extensions?.GetExtension(new DerObjectIdentifier(oid));
            if (ext == null) return null;
            critical = ext.IsCritical;
            return Asn1Object.FromByteArray(ext.Value.GetOctets());
        }
        try
        {
            if (Get("2.5.29.36", out _) is { } pcons)
            {
                long? require = null, inhibit = null;
                foreach (var element in Asn1Sequence.GetInstance(pcons))
                {
                    var tagged = Asn1TaggedObject.GetInstance(element);
                    var value = DerInteger.GetInstance(tagged, false).Value;
                    if (value.SignValue < 0) throw new FormatException("negative");
                    var number = value.BitLength > 63 ? long.MaxValue : value.LongValue;
                    if (tagged.TagNo == 0) require = number;
                    else if (tagged.TagNo == 1) inhibit = number;
                    else throw new FormatException("tag");
                }
                if (require == null && inhibit == null) throw new FormatException("empty");
                cache.ExplicitSkip = require ?? -1;
                cache.MapSkip = inhibit ?? -1;
            }
            if (Get("2.5.29.32", out var critical) is not { } cpols) return cache;
            if (!Create(cache, Asn1Sequence.GetInstance(cpols), critical)) return cache;
            if (Get("2.5.29.33", out _) is { } maps) SetMapping(cache, Asn1Sequence.GetInstance(maps));
            if (Get("2.5.29.54", out _) is { } any)
            {
                var value = DerInteger.GetInstance(any).Value;
                if (value.SignValue < 0) throw new FormatException("negative");
                cache.AnySkip = value.BitLength > 63 ? long.MaxValue : value.LongValue;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or FormatException
                                      or InvalidOperationException)
        {
            cache.Invalid = true;
        }
        return cache;
    }

    // policy_cache_create(): a repeated policy (anyPolicy included) is invalid; an empty list is merely no policies
    private static bool Create(Cache cache, Asn1Sequence policies, bool critical)
    {
        if (policies.Count == 0) return false;
        var data = new List<Data>();
        foreach (var element in policies)
        {
            var info = Asn1Sequence.GetInstance(element);
            var oid = DerObjectIdentifier.GetInstance(info[0]).Id;
            Der? qualifiers = info.Count > 1 ? Der.Parse(info[1].GetEncoded()) : null;
            var item = new Data(oid, critical, qualifiers);
            if (oid == AnyPolicy)
            {
                if (cache.Any != null) return Invalid(cache);
                cache.Any = item;
                continue;
            }
            SortData(data);
            if (data.Any(d => d.Oid == oid)) return Invalid(cache);
            data.Add(item);
        }
        cache.Data = data;
        return true;
    }

    private static bool Invalid(Cache cache)
    {
        cache.Invalid = true;
        cache.Any = null;
        return false;
    }

    // pcy_map.c ossl_policy_cache_set_mapping()
    private static void SetMapping(Cache cache, Asn1Sequence maps)
    {
        if (maps.Count == 0) throw new FormatException("empty mappings");
        var data = cache.Data!;
        foreach (var element in maps)
        {
            var map = Asn1Sequence.GetInstance(element);
            string issuer = DerObjectIdentifier.GetInstance(map[0]).Id, subject = DerObjectIdentifier.GetInstance(map[1]).Id;
            if (issuer == AnyPolicy || subject == AnyPolicy) throw new FormatException("anyPolicy mapped");
            SortData(data);
            var found = data.FirstOrDefault(d => d.Oid == issuer);
            if (found == null && cache.Any == null) continue;
            if (found == null)
            {
                found = new Data(issuer, cache.Any!.Critical, cache.Any.Qualifiers) { MappedAny = true };
                data.Add(found);
            }
            else found.Mapped = true;
            found.Expected.Add(subject);
        }
    }

    // tree_init(): -1 invalid, else Valid/Empty with Explicit
    private int Init(IReadOnlyList<CertificateFacts> certs, List<Cache> caches, VerifyOptions options)
    {
        var n = certs.Count - 1;
        long explicitPolicy = options.ExplicitPolicy ? 0 : n + 1;
        long anySkip = options.InhibitAny ? 0 : n + 1;
        long mapSkip = options.InhibitMap ? 0 : n + 1;
        if (n == 0) return Empty;
        var ret = ValidBit;
        for (var i = n - 1; i >= 0 && (explicitPolicy > 0 || (ret & Empty) == 0); i--)
        {
            var cache = caches[i];
            if (cache.Invalid) return -1;
            if ((ret & ValidBit) != 0 && cache.Data == null) ret = Empty;
            if (explicitPolicy > 0)
            {
                if (!certs[i].SelfIssued) explicitPolicy--;
                if (cache.ExplicitSkip >= 0 && cache.ExplicitSkip < explicitPolicy) explicitPolicy = cache.ExplicitSkip;
            }
        }
        if (explicitPolicy == 0) ret |= Explicit;
        if ((ret & ValidBit) == 0) return ret;

        _levels.Add(new Level());
        AddNode(_levels[0], new Data(AnyPolicy, false, null), null);
        for (var i = n - 1; i >= 0; i--)
        {
            var cache = caches[i];
            var level = new Level { Cache = cache };
            _levels.Add(level);
            if (cache.Any == null) level.Flags |= FlagInhibitAny;
            if (anySkip == 0)
            {
                if (!certs[i].SelfIssued || i == 0) level.Flags |= FlagInhibitAny;
            }
            else
            {
                if (!certs[i].SelfIssued) anySkip--;
                if (cache.AnySkip >= 0 && cache.AnySkip < anySkip) anySkip = cache.AnySkip;
            }
            if (mapSkip == 0) level.Flags |= FlagInhibitMap;
            else
            {
                if (!certs[i].SelfIssued) mapSkip--;
                if (cache.MapSkip >= 0 && cache.MapSkip < mapSkip) mapSkip = cache.MapSkip;
            }
        }
        return ret;
    }

    private Node? AddNode(Level? level, Data data, Node? parent)
    {
        if (_nodeCount >= NodeMaximum) return null;
        var node = new Node(data, parent);
        if (level != null)
        {
            if (data.Oid == AnyPolicy)
            {
                if (level.Any != null) return null;
                level.Any = node;
            }
            else level.Nodes.Add(node);
        }
        _nodeCount++;
        if (parent != null) parent.Children++;
        return node;
    }

    private static bool NodeMatch(Level level, Node node, string oid) =>
        (level.Flags & FlagInhibitMap) != 0 || !node.Data.MapMask ? node.Data.Oid == oid : node.Data.Expected.Contains(oid);

    // tree_evaluate(): 0 internal error, Empty, or Valid
    private int Evaluate()
    {
        for (var i = 1; i < _levels.Count; i++)
        {
            Level curr = _levels[i], last = _levels[i - 1];
            var cache = curr.Cache!;
            foreach (var data in cache.Data!)
            {
                var matched = false;
                foreach (var node in last.Nodes.Where(node => NodeMatch(last, node, data.Oid)).ToList())
                {
                    if (AddNode(curr, data, node) == null) return 0;
                    matched = true;
                }
                if (!matched && last.Any != null && AddNode(curr, data, last.Any) == null) return 0;
            }
            if ((curr.Flags & FlagInhibitAny) == 0 && !LinkAny(curr, last, cache)) return 0;
            if (Prune(i) == Empty) return Empty;
        }
        return ValidBit;
    }

    private bool LinkAny(Level curr, Level last, Cache cache)
    {
        foreach (var node in last.Nodes.ToList())
        {
            if ((last.Flags & FlagInhibitMap) != 0 || !node.Data.Mapped)
            {
                if (node.Children > 0) continue;
                if (!AddUnmatched(curr, cache, node.Data.Oid, node)) return false;
            }
            else
            {
                if (node.Children == node.Data.Expected.Count) continue;
                foreach (var oid in node.Data.Expected.ToList())
                {
                    if (curr.Nodes.Any(c => c.Parent == node && c.Data.Oid == oid)) continue;
                    if (!AddUnmatched(curr, cache, oid, node)) return false;
                }
            }
        }
        return last.Any == null || AddNode(curr, cache.Any!, last.Any) != null;
    }

    private bool AddUnmatched(Level curr, Cache cache, string oid, Node node) =>
        AddNode(curr, new Data(oid, node.Data.Critical, cache.Any!.Qualifiers), node) != null;

    private int Prune(int index)
    {
        var curr = _levels[index];
        if ((curr.Flags & FlagInhibitMap) != 0)
            for (var i = curr.Nodes.Count - 1; i >= 0; i--)
                if (curr.Nodes[i].Data.MapMask)
                {
                    curr.Nodes[i].Parent!.Children--;
                    curr.Nodes.RemoveAt(i);
                }
        for (var l = index - 1; ; l--)
        {
            var level = _levels[l];
            for (var i = level.Nodes.Count - 1; i >= 0; i--)
                if (level.Nodes[i].Children == 0)
                {
                    level.Nodes[i].Parent!.Children--;
                    level.Nodes.RemoveAt(i);
                }
            if (level.Any is { Children: 0 } any)
            {
                if (any.Parent != null) any.Parent.Children--;
                level.Any = null;
            }
            if (l == 0) return level.Any == null ? Empty : ValidBit;
        }
    }

    // tree_add_auth_node(): searched (so sorted) before each push
    private static void AddAuthNode(List<Node> nodes, Node node)
    {
        SortNodes(nodes);
        if (!nodes.Contains(node) && nodes.All(n => n.Data.Oid != node.Data.Oid)) nodes.Add(node);
    }

    // tree_calculate_authority_set(): the nodes to look user policies up in
    private List<Node> CalculateAuthoritySet()
    {
        var lastLevel = _levels[^1];
        List<Node> addNodes;
        if (lastLevel.Any != null)
        {
            _authPolicies = [];
            AddAuthNode(_authPolicies, lastLevel.Any);
            addNodes = [];
        }
        else addNodes = _authPolicies = [];
        var any = false;
        for (var i = 1; i < _levels.Count; i++)
        {
            if (_levels[i - 1].Any is not { } anyPtr) break;
            foreach (var node in _levels[i].Nodes.Where(node => node.Parent == anyPtr))
            {
                AddAuthNode(addNodes, node);
                any = true;
            }
        }
        // the stack exists only once a node was pushed
        if (lastLevel.Any == null && !any) _authPolicies = null;
        return addNodes;
    }

    private bool CalculateUserSet(IReadOnlyList<string> policies, List<Node> authNodes)
    {
        if (policies.Count == 0) return true;
        var anyPolicy = _levels[^1].Any;
        if (policies.Contains(AnyPolicy))
        {
            _anyUserPolicy = true;
            return true;
        }
        foreach (var oid in policies)
        {
            SortNodes(authNodes);
            var node = authNodes.FirstOrDefault(n => n.Data.Oid == oid);
            if (node == null)
            {
                if (anyPolicy == null) continue;
                node = AddNode(null, new Data(oid, anyPolicy.Data.Critical, anyPolicy.Data.Qualifiers), anyPolicy.Parent);
                if (node == null) return false;
            }
            (_userPolicies ??= []).Add(node);
        }
        return true;
    }
}

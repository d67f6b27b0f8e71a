using Dashboard.Certificates.Issuance;
using Dashboard.Sandbox.Iks.State;

namespace Dashboard.Sandbox.Iks.Certificates;

/// <summary>
/// The sandbox's Let's Encrypt: a root ("Sandbox ISRG Root X1") and intermediates that issue 90-day leaves for a
/// subdomain and its wildcard. Like Let's Encrypt in 2026, leaves carry serverAuth only and come from a Gen-Y style
/// intermediate ("Sandbox YR1", serverAuth only); with clientAuth requested they come from a 2024-style intermediate
/// ("Sandbox R11", serverAuth + clientAuth). The hierarchy is kept under <c>ca/</c> so restarts keep the same root.
/// </summary>
internal sealed class SandboxCertificateAuthority : IDisposable
{
    public const string RootSubject = "CN=Sandbox ISRG Root X1, O=Sandbox Internet Security Research Group, C=US";
    private const string ServerIntermediate = "YR1";
    private const string ClientIntermediate = "R11";
    private static readonly TimeSpan s_backdate = TimeSpan.FromHours(1);

    private readonly string? _directory;
    private readonly TimeProvider _time;
    private readonly KeyType _keyType;
    private readonly CertificateAuthority _root;
    private readonly Dictionary<string, CertificateAuthority> _intermediates = [];
    private readonly Lock _gate = new();
    private readonly IksSimulatorWarnings _warnings;

    private SandboxCertificateAuthority(string? directory, TimeProvider time, KeyType keyType, CertificateAuthority root, IksSimulatorWarnings warnings)
    {
        _warnings = warnings;
        _directory = directory;
        _time = time;
        _keyType = keyType;
        _root = root;
    }

    /// <summary>The root certificate as PEM: what a client must trust in sandbox mode.</summary>
    public string RootPem => _root.CertificatePem;

    /// <summary>Loads the hierarchy from <paramref name="directory"/> (null: in memory only) or creates it; a damaged file is set aside and reported through <paramref name="warnings"/>.</summary>
    public static SandboxCertificateAuthority LoadOrCreate(string? directory, TimeProvider time, KeyType keyType, IksSimulatorWarnings warnings)
    {
        var created = false;
        var root = LoadOrCreateCa(directory, "root", time, warnings, () =>
        {
            created = true;
            return CertificateAuthority.CreateRoot(time, new CaOptions { SubjectName = RootSubject, KeyType = keyType, Lifetime = TimeSpan.FromDays(365 * 20) });
        }, null);

        // Intermediates signed by a root that is gone would give chains nobody can verify.
        if (created && directory is not null && Directory.Exists(directory))
        {
            foreach (var stale in Directory.EnumerateFiles(directory, "intermediate-*.pem"))
            {
                File.Delete(stale);
            }
        }

        return new SandboxCertificateAuthority(directory, time, keyType, root, warnings);
    }

    /// <summary>Issues a leaf for <paramref name="host"/> and <c>*.host</c>.</summary>
    public IssuedLeaf Issue(string host, bool clientAuth, KeyType leafKeyType, TimeSpan lifetime)
    {
        var notBefore = _time.GetUtcNow() - s_backdate;
        var intermediate = Intermediate(clientAuth ? ClientIntermediate : ServerIntermediate, clientAuth, notBefore + lifetime);
        using var leaf = intermediate.Issue(new LeafRequest
        {
            CommonName = host,
            DnsNames = [host, "*." + host],
            Usages = clientAuth ? LeafUsages.ServerAuth | LeafUsages.ClientAuth : LeafUsages.ServerAuth,
            KeyType = leafKeyType,
            NotBefore = notBefore,
            NotAfter = notBefore + lifetime,
        });
        return new IssuedLeaf(IksUnconfirmed.TlsCrtIncludesIntermediate ? leaf.ChainPem : leaf.CertificatePem, leaf.ExportPrivateKeyPem(), leaf.Summary.SerialNumber, leaf.Summary.NotBefore, leaf.Summary.NotAfter);
    }

    public void Dispose()
    {
        foreach (var ca in _intermediates.Values)
        {
            ca.Dispose();
        }

        _root.Dispose();
    }

    private CertificateAuthority Intermediate(string name, bool clientAuth, DateTimeOffset mustOutlive)
    {
        lock (_gate)
        {
            if (_intermediates.TryGetValue(name, out var current) && current.Summary.NotAfter >= mustOutlive)
            {
                return current;
            }

            var replacing = current is not null;
            var created = replacing
                ? Create()
                : LoadOrCreateCa(_directory, "intermediate-" + name, _time, _warnings, Create, _root.CertificatePem);

            // A loaded intermediate too close to expiry is rotated, as Let's Encrypt rotates its intermediates.
            if (created.Summary.NotAfter < mustOutlive)
            {
                created.Dispose();
                created = Create();
            }

            current?.Dispose();
            _intermediates[name] = created;
            return created;

            CertificateAuthority Create()
            {
                var ca = _root.IssueIntermediate(new CaOptions
                {
                    SubjectName = $"CN=Sandbox {name}, O=Sandbox Let's Encrypt, C=US",
                    KeyType = _keyType,
                    Lifetime = TimeSpan.FromDays(365 * 3),
                    PathLength = 0,
                    ExtendedKeyUsages = clientAuth ? LeafUsages.ServerAuth | LeafUsages.ClientAuth : LeafUsages.ServerAuth,
                });
                Save(_directory, "intermediate-" + name, ca);
                return ca;
            }
        }
    }

    private static CertificateAuthority LoadOrCreateCa(string? directory, string name, TimeProvider time, IksSimulatorWarnings warnings, Func<CertificateAuthority> create, string? rootPem)
    {
        if (directory is not null)
        {
            var certificatePath = Path.Combine(directory, name + ".pem");
            var keyPath = Path.Combine(directory, name + "-key.pem");
            if (File.Exists(certificatePath) && File.Exists(keyPath))
            {
                try
                {
                    return CertificateAuthority.Load(File.ReadAllText(certificatePath), File.ReadAllText(keyPath), time, rootPem);
                }
                catch (ArgumentException e)
                {
                    var aside = AtomicFile.SetAside(certificatePath, time);
                    AtomicFile.SetAside(keyPath, time);
                    warnings.CaFileSetAside(name, certificatePath, e.Message, aside);
                }
            }
        }

        var ca = create();
        Save(directory, name, ca);
        return ca;
    }

    private static void Save(string? directory, string name, CertificateAuthority ca)
    {
        if (directory is null)
        {
            return;
        }

        AtomicFile.Write(Path.Combine(directory, name + "-key.pem"), ca.ExportPrivateKeyPem());
        AtomicFile.Write(Path.Combine(directory, name + ".pem"), ca.CertificatePem);
    }
}

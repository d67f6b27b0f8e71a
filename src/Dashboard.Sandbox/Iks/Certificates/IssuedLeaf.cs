namespace Dashboard.Sandbox.Iks.Certificates;

/// <summary>A certificate the sandbox CA issued: <c>tls.crt</c> (leaf + intermediate) and <c>tls.key</c>, with the facts renewal needs.</summary>
internal sealed record IssuedLeaf(string ChainPem, string KeyPem, string Serial, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>Never the key.</summary>
    public override string ToString() => $"certificate serial {Serial} (until {NotAfter:u})";
}

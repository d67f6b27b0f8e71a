using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>
/// The <c>X-Forwarded-Client-Cert</c> header Istio's gateway sets: <c>forward_client_cert_details: SANITIZE_SET</c>
/// (any incoming value is dropped) with <c>set_current_client_cert_details</c> subject, URI and DNS, so the element
/// is <c>Hash=&lt;sha256 of the DER&gt;;Subject="&lt;RFC 2253 subject&gt;";URI=…;DNS=…</c>. There is no <c>By=</c>
/// because the gateway's own certificate carries no URI SAN. (A sidecar in front of the app would append its own element.)
/// </summary>
internal static class ClientCertificateHeader
{
    public const string Name = "x-forwarded-client-cert";

    public static string Format(X509Certificate2 certificate)
    {
        var builder = new StringBuilder()
            .Append("Hash=").Append(Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)))
            .Append(";Subject=\"").Append(Rfc2253(certificate.SubjectName).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is not null)
        {
            foreach (var uri in UriNames(san))
            {
                builder.Append(";URI=").Append(uri);
            }

            foreach (var dns in san.EnumerateDnsNames())
            {
                builder.Append(";DNS=").Append(dns);
            }
        }

        return builder.ToString();
    }

    private static string Rfc2253(X500DistinguishedName name) =>
        string.Join(',', name.EnumerateRelativeDistinguishedNames().Select(rdn =>
            $"{ShortName(rdn.GetSingleElementType())}={Escape(rdn.GetSingleElementValue() ?? "")}"));

    private static string ShortName(Oid oid) => oid.Value switch
    {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "1.2.840.113549.1.9.1" => "emailAddress",
        _ => oid.Value ?? "",
    };

    private static string Escape(string value)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' || (i == 0 && c is ' ' or '#') || (i == value.Length - 1 && c == ' '))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static List<string> UriNames(X509SubjectAlternativeNameExtension san)
    {
        // GeneralName [6] uniformResourceIdentifier, IA5String.
        var reader = new System.Formats.Asn1.AsnReader(san.RawData, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var uris = new List<string>();
        var uriTag = new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 6);
        while (reader.HasData)
        {
            var tag = reader.PeekTag();
            if (tag.HasSameClassAndValue(uriTag))
            {
                uris.Add(reader.ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, uriTag));
            }
            else
            {
                reader.ReadEncodedValue();
            }
        }

        return uris;
    }
}

using System.Text.Json;

namespace Dashboard.Core.Ibm.Models;

/// <summary>Turns IKS JSON into the public models. Throws <see cref="JsonException"/> or <see cref="InvalidDataException"/> on undocumented shapes.</summary>
internal static class IksPayloads
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static ClusterInfo ToClusterInfo(GetClusterResponse response, string requested)
    {
        if (string.IsNullOrWhiteSpace(response.Id) && string.IsNullOrWhiteSpace(response.Name))
        {
            throw new InvalidDataException("the cluster object has neither 'id' nor 'name'");
        }

        var ingress = response.Ingress;
        return new ClusterInfo(
            response.Id ?? requested,
            response.Name ?? requested,
            response.Region ?? string.Empty,
            response.Provider ?? string.Empty,
            IksConventions.ClusterTypeFromProvider(response.Provider),
            response.State ?? string.Empty,
            Blank(ingress?.Hostname),
            Blank(ingress?.SecretName))
        {
            IngressStatus = Blank(ingress?.Status),
            IngressMessage = Blank(ingress?.Message),
            Distribution = response.Type,
            MasterKubeVersion = response.MasterKubeVersion,
        };
    }

    /// <summary>
    /// Parses v2 <c>getNlbDNSList</c>: an array whose elements are either the wrapped VPC shape (an <c>"Nlb"</c> key)
    /// or the flat classic shape, decided per element as bluemix-go does.
    /// </summary>
    public static IReadOnlyList<NlbDnsEntry> ParseNlbDnsList(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"expected a JSON array of nlb-dns entries, got {document.RootElement.ValueKind}");
        }

        var entries = new List<NlbDnsEntry>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"an nlb-dns entry is {element.ValueKind}, not an object");
            }

            entries.Add(element.TryGetProperty("Nlb", out _)
                ? FromVpcListEntry(element.Deserialize<NlbVpcListEntry>(Json)!)
                : FromClassic(element.Deserialize<NlbConfig>(Json)!));
        }

        return entries;
    }

    public static NlbDnsEntry FromClassic(NlbConfig config)
    {
        var host = Blank(config.NlbHost) ?? throw new InvalidDataException("a classic nlb-dns entry has no 'nlbHost'");
        return new NlbDnsEntry(host, IpsOf(config), null, Blank(config.NlbSslSecretName), Blank(config.NlbSslSecretStatus), Blank(config.SecretNamespace), ClusterType.Classic)
        {
            Type = Blank(config.NlbType),
            DnsType = Blank(config.NlbDnsType),
            MonitorState = Blank(config.NlbMonitorState),
        };
    }

    public static NlbDnsEntry FromVpcListEntry(NlbVpcListEntry entry)
    {
        var nlb = entry.Nlb ?? throw new InvalidDataException("a VPC nlb-dns entry has a null 'Nlb' object");
        return FromVpc(nlb, Blank(entry.SecretName), Blank(entry.SecretStatus));
    }

    /// <summary>A VPC config; the create response has no secret fields, so the name follows the first-label convention and the status stays unknown.</summary>
    public static NlbDnsEntry FromVpc(NlbVpcConfig nlb, string? secretName, string? secretStatus)
    {
        var host = Blank(nlb.NlbSubdomain) ?? throw new InvalidDataException("a VPC nlb-dns entry has no 'nlbSubdomain'");
        var ips = nlb.NlbIpArray?.Where(ip => !string.IsNullOrWhiteSpace(ip)).ToArray() ?? [];
        return new NlbDnsEntry(host, ips, Blank(nlb.LbHostname), secretName ?? IksConventions.SecretNameFor(host), secretStatus, Blank(nlb.SecretNamespace), ClusterType.Vpc)
        {
            Type = Blank(nlb.Type),
            DnsType = Blank(nlb.DnsType),
            MonitorState = Blank(nlb.NlbMonitorState),
        };
    }

    private static string[] IpsOf(NlbConfig config)
    {
        if (config.NlbIpArray is { } array)
        {
            return [.. array.Where(ip => !string.IsNullOrWhiteSpace(ip))];
        }

        // Only the undocumented stringified field is there: "[\"169.46.16.243\"]".
        if (Blank(config.NlbIp) is { } text)
        {
            return text.TrimStart().StartsWith('[')
                ? [.. (JsonSerializer.Deserialize<List<string>>(text, Json) ?? []).Where(ip => !string.IsNullOrWhiteSpace(ip))]
                : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return [];
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

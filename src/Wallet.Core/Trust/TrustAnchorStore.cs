using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Wallet.Core.Trust;

/// <summary>
/// An immutable set of trust anchors: the only certificates a chain may end at. Loaded from PEM text, PEM or DER
/// files, a folder of them, or certificate instances, each anchor optionally tagged with the
/// <see cref="LevelOfAssurance"/> it certifies and a name for reports.
/// </summary>
/// <remarks>
/// <para>
/// Every anchor must be a self-signed CA certificate: basicConstraints cA=TRUE, a keyUsage with keyCertSign, and a
/// signature that verifies with its own key. Pinning an end-entity certificate is not supported, because HAIP 1.0
/// forbids self-signed signing certificates and a pinned leaf would be rejected by the chain validator anyway.
/// Pinning an intermediate CA is not supported either: the platform chain engine (OpenSSL on Linux) cannot end a
/// path at a certificate that is not self-signed, so such an anchor would never validate. Both are rejected at load
/// time, where the mistake is easiest to see.
/// </para>
/// <para>
/// The <c>From…</c> methods are for start-up configuration and throw with every problem listed; the
/// <c>TryFrom…</c> methods return the same problems as <see cref="VerificationError"/>s. Certificates loaded by the
/// store live as long as the store; it is meant to be created once and shared.
/// </para>
/// </remarks>
public sealed class TrustAnchorStore : ITrustAnchorSource
{
    private static readonly string[] AnchorFileExtensions = [".pem", ".crt", ".cer", ".der"];

    private readonly Dictionary<string, TrustAnchor> _byThumbprint;
    private readonly Dictionary<string, List<TrustAnchor>> _bySubject;

    private TrustAnchorStore(IReadOnlyList<TrustAnchor> anchors, Dictionary<string, TrustAnchor> byThumbprint)
    {
        Anchors = anchors;
        _byThumbprint = byThumbprint;
        _bySubject = new Dictionary<string, List<TrustAnchor>>(StringComparer.Ordinal);
        foreach (var anchor in anchors)
        {
            var key = Convert.ToHexString(anchor.Certificate.SubjectName.RawData);
            if (!_bySubject.TryGetValue(key, out var list))
            {
                _bySubject[key] = list = [];
            }

            list.Add(anchor);
        }
    }

    /// <summary>A store with no anchors: every chain is untrusted.</summary>
    public static TrustAnchorStore Empty { get; } = new([], new Dictionary<string, TrustAnchor>(StringComparer.Ordinal));

    /// <summary>The anchors, in the order they were supplied, without duplicates.</summary>
    public IReadOnlyList<TrustAnchor> Anchors { get; }

    /// <summary>This store: a fixed set of anchors is its own source.</summary>
    public TrustAnchorStore GetAnchors() => this;

    /// <summary>Creates a store from anchors, checking each is a self-signed CA certificate.</summary>
    /// <param name="anchors">The anchors; the same certificate may appear twice only with identical tags.</param>
    /// <param name="store">The store, when every anchor is acceptable.</param>
    /// <param name="errors">Every rejected anchor, with <see cref="TrustErrorCodes"/> codes; empty on success.</param>
    /// <param name="limits">Bounds; <see cref="TrustAnchorStoreLimits.Default"/> when null.</param>
    public static bool TryCreate(
        IEnumerable<TrustAnchor> anchors,
        [NotNullWhen(true)] out TrustAnchorStore? store,
        out IReadOnlyList<VerificationError> errors,
        TrustAnchorStoreLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        var list = new List<(TrustAnchor Anchor, string Source)>();
        var index = 0;
        foreach (var anchor in anchors)
        {
            ArgumentNullException.ThrowIfNull(anchor, nameof(anchors));
            ArgumentNullException.ThrowIfNull(anchor.Certificate, nameof(anchors));
            list.Add((anchor, $"anchor list entry #{index++}"));
        }

        return TryBuild(list, [], limits ?? TrustAnchorStoreLimits.Default, out store, out errors);
    }

    /// <summary>Creates a store from anchors; throws when any anchor is unacceptable.</summary>
    /// <exception cref="ArgumentException">An anchor is not a self-signed CA certificate, or anchors conflict; the message lists every problem.</exception>
    public static TrustAnchorStore Create(IEnumerable<TrustAnchor> anchors, TrustAnchorStoreLimits? limits = null) =>
        TryCreate(anchors, out var store, out var errors, limits) ? store : throw new ArgumentException(Summarize(errors), nameof(anchors));

    /// <summary>Creates a store from certificate instances, all tagged alike.</summary>
    /// <exception cref="ArgumentException">A certificate is not a self-signed CA certificate; the message lists every problem.</exception>
    public static TrustAnchorStore FromCertificates(IEnumerable<X509Certificate2> certificates, LevelOfAssurance? levelOfAssurance = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        return Create(certificates.Select(c => new TrustAnchor(c ?? throw new ArgumentException("A certificate is null.", nameof(certificates)), levelOfAssurance, name)));
    }

    /// <summary>Parses PEM text holding one or more <c>CERTIFICATE</c> blocks; explanatory text between blocks is ignored (RFC 7468 §2).</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="levelOfAssurance">The level of assurance every anchor in the text certifies, if known.</param>
    /// <param name="name">A name for every anchor in the text; the subject is shown when null.</param>
    /// <param name="store">The store, on success.</param>
    /// <param name="errors">Every problem found; empty on success.</param>
    /// <param name="limits">Bounds; <see cref="TrustAnchorStoreLimits.Default"/> when null.</param>
    public static bool TryFromPem(
        string pem,
        LevelOfAssurance? levelOfAssurance,
        string? name,
        [NotNullWhen(true)] out TrustAnchorStore? store,
        out IReadOnlyList<VerificationError> errors,
        TrustAnchorStoreLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(pem);
        limits ??= TrustAnchorStoreLimits.Default;
        var problems = new List<VerificationError>();
        var anchors = new List<(TrustAnchor, string)>();
        if (pem.Length > limits.MaxFileLength)
        {
            problems.Add(new(TrustErrorCodes.AnchorFileTooLarge, $"The PEM text is {pem.Length} characters; at most {limits.MaxFileLength} are accepted."));
        }
        else
        {
            ReadPem(pem, "PEM text", levelOfAssurance, name, anchors, problems);
        }

        return TryBuild(anchors, problems, limits, out store, out errors);
    }

    /// <summary>Parses PEM text holding one or more <c>CERTIFICATE</c> blocks; throws when it is unacceptable.</summary>
    /// <exception cref="ArgumentException">The text holds no certificate, a malformed block or an unacceptable anchor; the message lists every problem.</exception>
    public static TrustAnchorStore FromPem(string pem, LevelOfAssurance? levelOfAssurance = null, string? name = null, TrustAnchorStoreLimits? limits = null) =>
        TryFromPem(pem, levelOfAssurance, name, out var store, out var errors, limits) ? store : throw new ArgumentException(Summarize(errors), nameof(pem));

    /// <summary>
    /// Reads anchor files: PEM (one or more <c>CERTIFICATE</c> blocks) or a single DER certificate, told apart by content.
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <param name="levelOfAssurance">The level of assurance every anchor certifies, if known.</param>
    /// <param name="name">A name for every anchor; the subject is shown when null.</param>
    /// <param name="store">The store, on success.</param>
    /// <param name="errors">Every problem found, each naming its file; empty on success.</param>
    /// <param name="limits">Bounds; <see cref="TrustAnchorStoreLimits.Default"/> when null.</param>
    public static bool TryFromFiles(
        IEnumerable<string> paths,
        LevelOfAssurance? levelOfAssurance,
        string? name,
        [NotNullWhen(true)] out TrustAnchorStore? store,
        out IReadOnlyList<VerificationError> errors,
        TrustAnchorStoreLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        limits ??= TrustAnchorStoreLimits.Default;
        var files = paths.ToList();
        var problems = new List<VerificationError>();
        var anchors = new List<(TrustAnchor, string)>();
        if (files.Count > limits.MaxFiles)
        {
            problems.Add(new(TrustErrorCodes.TooManyAnchors, $"{files.Count} anchor files were given; at most {limits.MaxFiles} are accepted."));
        }
        else
        {
            foreach (var path in files)
            {
                ArgumentNullException.ThrowIfNull(path, nameof(paths));
                ReadFile(path, levelOfAssurance, name, limits, anchors, problems);
            }
        }

        return TryBuild(anchors, problems, limits, out store, out errors);
    }

    /// <summary>Reads anchor files; throws when any is unreadable or unacceptable.</summary>
    /// <exception cref="InvalidDataException">A file is missing, too large, malformed or not an acceptable anchor; the message lists every problem.</exception>
    public static TrustAnchorStore FromFiles(IEnumerable<string> paths, LevelOfAssurance? levelOfAssurance = null, string? name = null, TrustAnchorStoreLimits? limits = null) =>
        TryFromFiles(paths, levelOfAssurance, name, out var store, out var errors, limits) ? store : throw new InvalidDataException(Summarize(errors));

    /// <summary>
    /// Reads every <c>.pem</c>, <c>.crt</c>, <c>.cer</c> and <c>.der</c> file directly in <paramref name="directory"/>
    /// (not in sub-folders), in ordinal name order. Other files are ignored; a folder with no such file is an error,
    /// because an empty trust list silently rejects everything.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="levelOfAssurance">The level of assurance every anchor certifies, if known.</param>
    /// <param name="name">A name for every anchor; the subject is shown when null.</param>
    /// <param name="store">The store, on success.</param>
    /// <param name="errors">Every problem found, each naming its file; empty on success.</param>
    /// <param name="limits">Bounds; <see cref="TrustAnchorStoreLimits.Default"/> when null.</param>
    public static bool TryFromDirectory(
        string directory,
        LevelOfAssurance? levelOfAssurance,
        string? name,
        [NotNullWhen(true)] out TrustAnchorStore? store,
        out IReadOnlyList<VerificationError> errors,
        TrustAnchorStoreLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        List<string> files;
        try
        {
            files = Directory.EnumerateFiles(directory)
                .Where(f => AnchorFileExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            store = null;
            errors = [new(TrustErrorCodes.AnchorFileUnreadable, $"The trust anchor folder '{directory}' cannot be read: {e.Message}")];
            return false;
        }

        if (files.Count == 0)
        {
            store = null;
            errors = [new(TrustErrorCodes.AnchorFileUnreadable, $"The trust anchor folder '{directory}' holds no .pem, .crt, .cer or .der file.")];
            return false;
        }

        return TryFromFiles(files, levelOfAssurance, name, out store, out errors, limits);
    }

    /// <summary>Reads a folder of anchor files; throws when it is unreadable, empty or holds an unacceptable file.</summary>
    /// <exception cref="InvalidDataException">The folder or one of its files is unacceptable; the message lists every problem.</exception>
    public static TrustAnchorStore FromDirectory(string directory, LevelOfAssurance? levelOfAssurance = null, string? name = null, TrustAnchorStoreLimits? limits = null) =>
        TryFromDirectory(directory, levelOfAssurance, name, out var store, out var errors, limits) ? store : throw new InvalidDataException(Summarize(errors));

    /// <summary>A new store holding the anchors of both; the same certificate must carry the same tags in both.</summary>
    /// <exception cref="ArgumentException">The stores tag the same certificate differently.</exception>
    public TrustAnchorStore Merge(TrustAnchorStore other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Create(Anchors.Concat(other.Anchors));
    }

    /// <summary>The anchor whose certificate is exactly <paramref name="certificate"/> (same DER bytes), if any.</summary>
    public TrustAnchor? Find(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return _byThumbprint.GetValueOrDefault(Thumbprint(certificate));
    }

    /// <summary>Anchors whose subject is the issuer name of <paramref name="certificate"/>: the candidates that may have signed it.</summary>
    internal IReadOnlyList<TrustAnchor> FindIssuerCandidates(X509Certificate2 certificate) =>
        _bySubject.TryGetValue(Convert.ToHexString(certificate.IssuerName.RawData), out var list) ? list : [];

    private static string Thumbprint(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.RawData));

    private static bool TryBuild(
        List<(TrustAnchor Anchor, string Source)> candidates,
        List<VerificationError> problems,
        TrustAnchorStoreLimits limits,
        [NotNullWhen(true)] out TrustAnchorStore? store,
        out IReadOnlyList<VerificationError> errors)
    {
        var anchors = new List<TrustAnchor>();
        var byThumbprint = new Dictionary<string, TrustAnchor>(StringComparer.Ordinal);
        if (candidates.Count > limits.MaxAnchors)
        {
            problems.Add(new(TrustErrorCodes.TooManyAnchors, $"{candidates.Count} trust anchors were given; at most {limits.MaxAnchors} are accepted."));
            candidates = [];
        }

        foreach (var (anchor, source) in candidates)
        {
            var certificate = anchor.Certificate;
            var described = $"anchor '{certificate.Subject}' ({source})";
            var acceptable = true;
            if (!CertificateFacts.IsCa(certificate) || !CertificateFacts.HasKeyUsage(certificate, X509KeyUsageFlags.KeyCertSign))
            {
                problems.Add(new(TrustErrorCodes.AnchorNotCa, $"Trust {described} is not a CA certificate: it needs basicConstraints cA=TRUE and keyUsage keyCertSign (RFC 5280 §4.2.1.3, §4.2.1.9). End-entity certificates cannot be pinned as anchors."));
                acceptable = false;
            }

            if (!CertificateFacts.IsSelfSigned(certificate))
            {
                problems.Add(new(TrustErrorCodes.AnchorNotSelfSigned, $"Trust {described} is not self-signed (issuer '{certificate.Issuer}', or a signature the library cannot verify): configure the root CA that ends the path instead."));
                acceptable = false;
            }

            if (!acceptable)
            {
                continue;
            }

            var thumbprint = Thumbprint(certificate);
            if (byThumbprint.TryGetValue(thumbprint, out var existing))
            {
                if (existing.LevelOfAssurance != anchor.LevelOfAssurance || existing.Name != anchor.Name)
                {
                    problems.Add(new(TrustErrorCodes.AnchorConflict, $"Trust {described} is given twice with different tags (level of assurance {existing.LevelOfAssurance?.ToString() ?? "none"} vs {anchor.LevelOfAssurance?.ToString() ?? "none"}, name '{existing.Name}' vs '{anchor.Name}')."));
                }

                continue;
            }

            byThumbprint[thumbprint] = anchor;
            anchors.Add(anchor);
        }

        errors = problems;
        store = problems.Count == 0 ? new TrustAnchorStore(anchors, byThumbprint) : null;
        return store is not null;
    }

    private static void ReadFile(string path, LevelOfAssurance? levelOfAssurance, string? name, TrustAnchorStoreLimits limits, List<(TrustAnchor, string)> anchors, List<VerificationError> problems)
    {
        byte[] content;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > limits.MaxFileLength)
            {
                problems.Add(new(TrustErrorCodes.AnchorFileTooLarge, $"Trust anchor file '{path}' is {stream.Length} bytes; at most {limits.MaxFileLength} are accepted."));
                return;
            }

            content = new byte[stream.Length];
            stream.ReadExactly(content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add(new(TrustErrorCodes.AnchorFileUnreadable, $"Trust anchor file '{path}' cannot be read: {e.Message}"));
            return;
        }

        var source = $"file '{path}'";

        // A DER certificate starts with a SEQUENCE tag; PEM starts with text.
        if (content.Length > 0 && content[0] == 0x30)
        {
            if (CertificateDecoder.TryDecode(content, out var certificate, out var reason))
            {
                anchors.Add((new TrustAnchor(certificate, levelOfAssurance, name), source));
            }
            else
            {
                problems.Add(new(TrustErrorCodes.MalformedCertificate, $"Trust anchor {source} is not a DER certificate: {reason}."));
            }

            return;
        }

        ReadPem(Encoding.UTF8.GetString(content), source, levelOfAssurance, name, anchors, problems);
    }

    private static void ReadPem(string pem, string source, LevelOfAssurance? levelOfAssurance, string? name, List<(TrustAnchor, string)> anchors, List<VerificationError> problems)
    {
        var offset = 0;
        var block = 0;
        while (PemEncoding.TryFind(pem.AsSpan(offset), out var fields))
        {
            var text = pem.AsSpan(offset);
            var label = text[fields.Label];
            if (!label.SequenceEqual("CERTIFICATE"))
            {
                problems.Add(new(TrustErrorCodes.MalformedCertificate, $"PEM block #{block} of {source} is labelled '{label}'; only CERTIFICATE blocks belong in a trust anchor source."));
            }
            else
            {
                var der = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(text[fields.Base64Data], der, out var written))
                {
                    problems.Add(new(TrustErrorCodes.MalformedCertificate, $"PEM block #{block} of {source} is not base64."));
                }
                else if (CertificateDecoder.TryDecode(der.AsSpan(0, written), out var certificate, out var reason))
                {
                    anchors.Add((new TrustAnchor(certificate, levelOfAssurance, name), $"{source}, PEM block #{block}"));
                }
                else
                {
                    problems.Add(new(TrustErrorCodes.MalformedCertificate, $"PEM block #{block} of {source} is not a DER certificate: {reason}."));
                }
            }

            block++;
            offset += fields.Location.End.Value;
        }

        if (block == 0)
        {
            problems.Add(new(TrustErrorCodes.MalformedCertificate, $"The {source} holds no PEM CERTIFICATE block."));
        }
    }

    private static string Summarize(IReadOnlyList<VerificationError> errors) =>
        "Trust anchors could not be loaded: " + string.Join(" ", errors.Select(e => e.ToString()));
}

// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ItaServerless.Testing;

/// <summary>A message as the SMTP server received it: envelope and raw DATA.</summary>
public sealed record ReceivedSmtpMessage(string MailFrom, IReadOnlyList<string> RcptTo, string Data)
{
    /// <summary>Whether the session was under TLS (STARTTLS or implicit).</summary>
    public bool Encrypted { get; init; }

    /// <summary>The user who authenticated (AUTH PLAIN), if any.</summary>
    public string? User { get; init; }
}

/// <summary>
/// A small real SMTP server on 127.0.0.1 (RFC 5321 subset: EHLO/HELO, MAIL, RCPT, DATA,
/// RSET, NOOP, QUIT; STARTTLS or implicit TLS with a certificate; AUTH PLAIN with credentials).
/// It can refuse chosen recipients and can stall after DATA to test timeouts.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _accepting;

    /// <param name="certificate">Offers STARTTLS with it (or TLS from the first byte with <paramref name="implicitTls"/>).</param>
    /// <param name="credentials">Requires AUTH PLAIN with them before MAIL.</param>
    public SmtpTestServer(IEnumerable<string>? refusedRecipients = null, bool stallOnData = false,
        X509Certificate2? certificate = null, bool implicitTls = false, NetworkCredential? credentials = null)
    {
        if (implicitTls && certificate is null) throw new ArgumentException("Implicit TLS needs a certificate.", nameof(implicitTls));
        Refused = new HashSet<string>(refusedRecipients ?? [], StringComparer.OrdinalIgnoreCase);
        StallOnData = stallOnData;
        Certificate = certificate;
        ImplicitTls = implicitTls;
        Credentials = credentials;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public ConcurrentQueue<ReceivedSmtpMessage> Messages { get; } = new();

    private HashSet<string> Refused { get; }

    private bool StallOnData { get; }

    private X509Certificate2? Certificate { get; }

    private bool ImplicitTls { get; }

    private NetworkCredential? Credentials { get; }

    /// <summary>A self-signed certificate for "localhost" and 127.0.0.1, valid for a day.</summary>
    public static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so that the private key is usable by SslStream on every OS.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _sessions.Add(Task.Run(() => SessionAsync(client)));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<SslStream> StartTlsAsync(Stream stream)
    {
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate }, _stop.Token);
        return tls;
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        Stream stream = client.GetStream();
        try
        {
            if (ImplicitTls) stream = await StartTlsAsync(stream);
            var reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);
            var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP ready");
            var encrypted = ImplicitTls;
            string? user = null;
            string? from = null;
            var rcpts = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        var extensions = new List<string> { "8BITMIME" };
                        if (Certificate is not null && !encrypted) extensions.Add("STARTTLS");
                        if (Credentials is not null) extensions.Add("AUTH PLAIN");
                        await writer.WriteAsync("250-localhost hello\r\n" + string.Concat(extensions.Select((x, i) => $"250{(i == extensions.Count - 1 ? ' ' : '-')}{x}\r\n")));
                        break;
                    case "STARTTLS" when Certificate is not null && !encrypted:
                        await writer.WriteLineAsync("220 2.0.0 Ready to start TLS");
                        // The client waits for the reply before its handshake: nothing is buffered yet.
                        stream = await StartTlsAsync(stream);
                        reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);
                        writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
                        encrypted = true;
                        from = null;
                        rcpts.Clear();
                        break;
                    case "AUTH" when Credentials is not null:
                        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        if (words.Length < 2 || !words[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
                        {
                            await writer.WriteLineAsync("504 5.5.4 Unrecognized authentication type");
                            break;
                        }

                        var response = words.Length > 2 ? words[2] : null;
                        if (response is null)
                        {
                            await writer.WriteLineAsync("334 ");
                            response = await reader.ReadLineAsync(_stop.Token) ?? "";
                        }

                        // authzid NUL authcid NUL passwd (RFC 4616).
                        var parts = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
                        if (parts.Length == 3 && parts[1] == Credentials.UserName && parts[2] == Credentials.Password)
                        {
                            user = parts[1];
                            await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        }
                        else
                        {
                            // Echoes what it got, so that tests can check the client never repeats a password.
                            await writer.WriteLineAsync($"535 5.7.8 Authentication credentials invalid ({string.Join(" / ", parts.Skip(1))})");
                        }

                        break;
                    case "HELO":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RSET":
                        from = null;
                        rcpts.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "MAIL":
                        if (Credentials is not null && user is null)
                        {
                            await writer.WriteLineAsync("530 5.7.0 Authentication required");
                            break;
                        }

                        from = Address(line);
                        rcpts.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        var to = Address(line);
                        if (Refused.Contains(to))
                        {
                            await writer.WriteLineAsync("550 5.1.1 No such user here");
                        }
                        else
                        {
                            rcpts.Add(to);
                            await writer.WriteLineAsync("250 OK");
                        }

                        break;
                    case "DATA":
                        if (from is null || rcpts.Count == 0)
                        {
                            await writer.WriteLineAsync("503 5.5.1 Need MAIL and RCPT first");
                            break;
                        }

                        if (StallOnData)
                        {
                            await Task.Delay(Timeout.Infinite, _stop.Token);
                        }

                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        Messages.Enqueue(new ReceivedSmtpMessage(from, rcpts.ToArray(), data.ToString()) { Encrypted = encrypted, User = user });
                        from = null;
                        rcpts.Clear();
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException or FormatException)
        {
            // The client went away or refused the certificate, sent garbage, or the server is stopping.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<');
        var end = line.IndexOf('>', start + 1);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':') + 1)..].Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_sessions);
        _stop.Dispose();
    }
}

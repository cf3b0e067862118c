// SPDX-License-Identifier: MIT
using System.Net.Security;
using System.Net.Sockets;
using ItaServerless.Core.Organizations;
using ItaServerless.Notifications.Messages;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ItaServerless.Notifications.Channels;

/// <summary>SMTP settings (configuration section "Notifications:Smtp").</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>Encrypt the connection (STARTTLS, or implicit TLS, see <see cref="ImplicitTls"/>); never downgraded. Off only for a local relay.</summary>
    public bool EnableTls { get; set; } = true;

    /// <summary>TLS from the first byte (SMTPS, RFC 8314) instead of STARTTLS; unset: only on port 465.</summary>
    public bool? ImplicitTls { get; set; }

    /// <summary>Empty for a relay without authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "ระบบติดตามมาตรการ ITA";

    /// <summary>For the whole delivery (connect, TLS, authentication, sending).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How the connection is secured.</summary>
    internal SecureSocketOptions Security =>
        !EnableTls ? SecureSocketOptions.None
        : (ImplicitTls ?? Port == 465) ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;

    /// <summary>The problems that make these settings unusable (empty when fine).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host)) problems.Add("Notifications:Smtp:Host is required.");
        if (Port is < 1 or > 65535) problems.Add("Notifications:Smtp:Port must be 1..65535.");
        if (ImplicitTls == true && !EnableTls) problems.Add("Notifications:Smtp:ImplicitTls needs EnableTls.");
        if (!Unit.CheckEmail(FromAddress, "fromAddress").IsValid) problems.Add("Notifications:Smtp:FromAddress must be an e-mail address.");
        if (Timeout <= TimeSpan.Zero) problems.Add("Notifications:Smtp:Timeout must be positive.");
        return problems;
    }
}

/// <summary>E-mail through an SMTP server with MailKit.</summary>
public sealed class SmtpReminderChannel : IReminderChannel
{
    private readonly SmtpOptions _options;

    public SmtpReminderChannel(SmtpOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
    }

    public string Name => "email";

    /// <summary>For tests: trusts a server certificate the system does not (null: the system's trust).</summary>
    internal RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    public async Task<DeliveryResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.To.Count == 0) return DeliveryResult.Failure(Name, "no recipient e-mail address (add a contact to the unit or a planning officer)");

        using var client = new RefusalTrackingClient();
        client.Timeout = (int)Math.Min(_options.Timeout.TotalMilliseconds, int.MaxValue);
        client.ServerCertificateValidationCallback = CertificateValidation;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var mail = ReminderMail.Build(message, _options.FromAddress, _options.FromName);
            await client.ConnectAsync(_options.Host, _options.Port, _options.Security, timeout.Token).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", timeout.Token).ConfigureAwait(false);
            }

            await client.SendAsync(mail, timeout.Token).ConfigureAwait(false);
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.MessageNotAccepted && client.Refused.Count > 0)
        {
            return DeliveryResult.Failure(Name, Redact("all recipients refused: " + string.Join(", ", client.Refused.Select(r => $"{r.Address} ({r.Reply})"))));
        }
        catch (SmtpCommandException e)
        {
            return DeliveryResult.Failure(Name, Redact($"SMTP {(int)e.StatusCode} {e.StatusCode}: {e.Message}"));
        }
        catch (ServiceNotAuthenticatedException e)
        {
            return DeliveryResult.Failure(Name, Redact($"SMTP server requires authentication (Notifications:Smtp:UserName): {e.Message}"));
        }
        catch (MailKit.Security.AuthenticationException e)
        {
            return DeliveryResult.Failure(Name, Redact($"SMTP authentication failed for {_options.UserName}: {e.Message}"));
        }
        catch (SslHandshakeException e)
        {
            // MailKit's message is a multi-line guide: keep the certificate problems it found, else the TLS error itself.
            var why = e.ServerCertificate is not null ? OneLine(e.Message) : Innermost(e).Message;
            return DeliveryResult.Failure(Name, Redact($"TLS with {_options.Host}:{_options.Port} failed: {why}"));
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return DeliveryResult.Failure(Name, $"timed out after {_options.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or ParseException
                                      or NotSupportedException or InvalidOperationException or System.Security.Authentication.AuthenticationException)
        {
            return DeliveryResult.Failure(Name, Redact(e.Message));
        }

        try
        {
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or OperationCanceledException or TimeoutException or SmtpCommandException)
        {
            // The server has the message: a failed QUIT must not make the sweep send it again.
        }

        return client.Refused.Count == 0
            ? DeliveryResult.Success(Name)
            // The server took the message for the other recipients: sending again would duplicate their copy.
            : DeliveryResult.Success(Name, "refused: " + string.Join(", ", client.Refused.Select(r => r.Address)));
    }

    private static string OneLine(string text) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    /// <summary>Defence in depth: a server's reply could echo what it was sent.</summary>
    private string Redact(string detail) =>
        string.IsNullOrEmpty(_options.Password) ? detail : detail.Replace(_options.Password, "***", StringComparison.Ordinal);

    /// <summary>Sends to the accepted recipients when the server refuses some (MailKit's default gives up on the first).</summary>
    private sealed class RefusalTrackingClient : SmtpClient
    {
        public List<(string Address, string Reply)> Refused { get; } = [];

        protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
            Refused.Add((mailbox.Address, $"{(int)response.StatusCode} {response.Response}"));
    }
}

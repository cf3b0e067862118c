// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Reminders;
using ItaServerless.Notifications.Messages;

namespace ItaServerless.Notifications.Channels;

/// <summary>SMTP settings (configuration section "Notifications:Smtp").</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>STARTTLS (System.Net.Mail's EnableSsl); off only for a local relay.</summary>
    public bool EnableTls { get; set; } = true;

    /// <summary>Empty for a relay without authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "ระบบติดตามมาตรการ ITA";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The problems that make these settings unusable (empty when fine).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host)) problems.Add("Notifications:Smtp:Host is required.");
        if (Port is < 1 or > 65535) problems.Add("Notifications:Smtp:Port must be 1..65535.");
        if (!Unit.CheckEmail(FromAddress, "fromAddress").IsValid) problems.Add("Notifications:Smtp:FromAddress must be an e-mail address.");
        if (Timeout <= TimeSpan.Zero) problems.Add("Notifications:Smtp:Timeout must be positive.");
        return problems;
    }
}

/// <summary>Builds the MIME message of a reminder: UTF-8 headers (RFC 2047) and a text + HTML alternative.</summary>
public static class ReminderMail
{
    /// <summary>Header carrying <see cref="ReminderKey.FullValue"/>, so that a receiver or an audit can match retries.</summary>
    public const string KeyHeader = "X-ITA-Reminder-Key";

    public static MailMessage Build(ReminderMessage message, string fromAddress, string fromName)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = new MailMessage
        {
            From = new MailAddress(fromAddress, fromName, Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        foreach (var to in message.To) mail.To.Add(new MailAddress(to.Email, to.Name, Encoding.UTF8));
        foreach (var cc in message.Cc) mail.CC.Add(new MailAddress(cc.Email, cc.Name, Encoding.UTF8));
        mail.Headers[KeyHeader] = message.Key.FullValue;
        // A stable Message-ID: a retried reminder is the same message to a mail client.
        var domain = fromAddress[(fromAddress.LastIndexOf('@') + 1)..];
        mail.Headers["Message-ID"] = $"<reminder.{message.Key.FullValue.Replace('|', '.')}@{domain}>";

        mail.AlternateViews.Add(View(message.Text, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(View(message.Html, MediaTypeNames.Text.Html));
        return mail;
    }

    private static AlternateView View(string content, string mediaType)
    {
        var view = AlternateView.CreateAlternateViewFromString(content, Encoding.UTF8, mediaType);
        view.TransferEncoding = TransferEncoding.Base64;
        return view;
    }
}

/// <summary>E-mail through an SMTP server with System.Net.Mail.</summary>
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

    public async Task<DeliveryResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.To.Count == 0) return DeliveryResult.Failure(Name, "no recipient e-mail address (add a contact to the unit or a planning officer)");

        using var mail = ReminderMail.Build(message, _options.FromAddress, _options.FromName);
        using var client = new SmtpClient(_options.Host, _options.Port)
        {
            EnableSsl = _options.EnableTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)_options.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(_options.UserName)) client.Credentials = new NetworkCredential(_options.UserName, _options.Password);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            await client.SendMailAsync(mail, timeout.Token).ConfigureAwait(false);
            return DeliveryResult.Success(Name);
        }
        catch (SmtpFailedRecipientException e) when (Refused(e).Length < message.To.Count + message.Cc.Count)
        {
            // The server took the message for the other recipients: sending again would duplicate their copy.
            return DeliveryResult.Success(Name, "refused: " + string.Join(", ", Refused(e)));
        }
        catch (SmtpException e)
        {
            return DeliveryResult.Failure(Name, $"SMTP {(int)e.StatusCode} {e.StatusCode}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Failure(Name, $"timed out after {_options.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or System.Security.Authentication.AuthenticationException)
        {
            return DeliveryResult.Failure(Name, e.Message);
        }
    }

    /// <summary>System.Net.Mail throws one exception for one refused recipient, the plural type for several.</summary>
    private static string[] Refused(SmtpFailedRecipientException e) =>
        e is SmtpFailedRecipientsException many && many.InnerExceptions.Length > 0
            ? many.InnerExceptions.Select(x => x.FailedRecipient ?? "?").ToArray()
            : [e.FailedRecipient ?? "?"];
}

// SPDX-License-Identifier: MIT
using System.Text;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Reminders;
using ItaServerless.Notifications.Messages;
using MimeKit;

namespace ItaServerless.Notifications.Channels;

/// <summary>
/// The e-mail of a reminder, shared by the SMTP channel and the file sink: MimeKit encodes the
/// Thai subject and display names (RFC 2047); the body is a UTF-8 text + HTML alternative.
/// </summary>
public static class ReminderMail
{
    /// <summary>Header carrying <see cref="ReminderKey.FullValue"/>, so that a receiver or an audit can match retries.</summary>
    public const string KeyHeader = "X-ITA-Reminder-Key";

    public static MimeMessage Build(ReminderMessage message, string fromAddress, string fromName)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(fromAddress);
        var mail = new MimeMessage { Subject = message.Subject };
        mail.From.Add(new MailboxAddress(fromName, fromAddress));
        mail.To.AddRange(message.To.Select(Mailbox));
        mail.Cc.AddRange(message.Cc.Select(Mailbox));
        mail.Headers.Add(KeyHeader, message.Key.FullValue);
        // A stable Message-ID: a retried reminder is the same message to a mail client.
        var domain = fromAddress[(fromAddress.LastIndexOf('@') + 1)..];
        mail.MessageId = $"reminder.{message.Key.FullValue.Replace('|', '.')}@{domain}";
        mail.Body = new MultipartAlternative { Part("plain", message.Text), Part("html", message.Html) };
        return mail;
    }

    private static MailboxAddress Mailbox(Contact contact) => new(contact.Name, contact.Email);

    private static TextPart Part(string subtype, string content)
    {
        var part = new TextPart(subtype);
        part.SetText(Encoding.UTF8, content);
        // Base64 keeps the body 7-bit and is under half the size of quoted-printable for Thai.
        part.ContentTransferEncoding = ContentEncoding.Base64;
        return part;
    }
}

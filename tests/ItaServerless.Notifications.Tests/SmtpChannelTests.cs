// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ItaServerless.Notifications.Channels;
using ItaServerless.Testing;
using MailKit.Security;
using MimeKit;

namespace ItaServerless.Notifications.Tests;

public class SmtpChannelTests
{
    private static SmtpReminderChannel Channel(int port, TimeSpan? timeout = null, X509Certificate2? trust = null, Action<SmtpOptions>? configure = null)
    {
        var options = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port,
            EnableTls = false,
            FromAddress = "ita@na-kham.go.th",
            FromName = "ระบบติดตามมาตรการ ITA",
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return new SmtpReminderChannel(options)
        {
            // Trust exactly the test server's self-signed certificate.
            CertificateValidation = trust is null ? null : (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == trust.GetCertHashString(),
        };
    }

    private static MimeMessage Parse(string data) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(data)));

    [Fact]
    public async Task Delivers_a_thai_reminder_with_envelope_headers_and_both_bodies()
    {
        await using var server = new SmtpTestServer();
        var message = Samples.Message(new DateOnly(2026, 5, 9));

        var result = await Channel(server.Port).SendAsync(message);

        Assert.True(result.Delivered, result.ToString());
        var received = Assert.Single(server.Messages);
        Assert.Equal("ita@na-kham.go.th", received.MailFrom);
        Assert.Equal(
            new[] { "finance@na-kham.go.th", "somsri@na-kham.go.th", "plan@na-kham.go.th", "palad@na-kham.go.th" }.Order(),
            received.RcptTo.Order());

        // Headers are 7-bit on the wire: Thai travels as RFC 2047 encoded words, which MimeKit decodes back exactly.
        var head = received.Data.Split("\r\n\r\n")[0];
        Assert.All(head, c => Assert.True(c < 128, $"non-ASCII header character {c}"));
        Assert.Matches(@"(?im)^Subject: .*=\?utf-8\?[bq]\?", head);
        Assert.Matches(@"(?im)^From: =\?utf-8\?[bq]\?", head);
        using var mail = Parse(received.Data);
        Assert.Equal(message.Subject, mail.Subject);
        var from = Assert.Single(mail.From.Mailboxes);
        Assert.Equal("ระบบติดตามมาตรการ ITA", from.Name);
        Assert.Equal("ita@na-kham.go.th", from.Address);
        Assert.Equal(new (string?, string)[] { ("สมหญิง รักงาน", "finance@na-kham.go.th"), ("สมศรี มีสุข", "somsri@na-kham.go.th") },
            mail.To.Mailboxes.Select(m => (m.Name, m.Address)));
        Assert.Equal(new (string?, string)[] { ("นางสาวแผน งานดี", "plan@na-kham.go.th"), ("ปลัด อบต.นาคำ", "palad@na-kham.go.th") },
            mail.Cc.Mailboxes.Select(m => (m.Name, m.Address)));
        Assert.Empty(mail.Bcc);
        Assert.Equal("na-kham|2569|6m|finance|7", mail.Headers[ReminderMail.KeyHeader]);
        Assert.Equal("reminder.na-kham.2569.6m.finance.7@na-kham.go.th", mail.MessageId);

        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(2, alternative.Count);
        var text = Assert.IsType<TextPart>(alternative[0]);
        Assert.True(text.IsPlain);
        Assert.Equal("utf-8", text.ContentType.Charset);
        Assert.Equal(message.Text, text.Text);
        var html = Assert.IsType<TextPart>(alternative[1]);
        Assert.True(html.IsHtml);
        Assert.Equal(message.Html, html.Text);
    }

    [Fact]
    public async Task Starttls_and_implicit_tls_encrypt_the_session()
    {
        using var certificate = SmtpTestServer.CreateCertificate();
        await using (var server = new SmtpTestServer(certificate: certificate))
        {
            var result = await Channel(server.Port, trust: certificate, configure: o => o.EnableTls = true).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
            Assert.True(result.Delivered, result.ToString());
            Assert.True(Assert.Single(server.Messages).Encrypted);
        }

        await using (var server = new SmtpTestServer(certificate: certificate, implicitTls: true))
        {
            var result = await Channel(server.Port, trust: certificate, configure: o => (o.EnableTls, o.ImplicitTls) = (true, true)).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
            Assert.True(result.Delivered, result.ToString());
            Assert.True(Assert.Single(server.Messages).Encrypted);
        }
    }

    [Fact]
    public async Task Tls_is_never_downgraded_and_an_untrusted_certificate_fails()
    {
        // EnableTls with a server that offers no STARTTLS: refuse rather than send in clear text.
        await using (var server = new SmtpTestServer())
        {
            var result = await Channel(server.Port, configure: o => o.EnableTls = true).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
            Assert.False(result.Delivered);
            Assert.Contains("STARTTLS", result.Detail);
            Assert.Empty(server.Messages);
        }

        using var certificate = SmtpTestServer.CreateCertificate();
        await using (var server = new SmtpTestServer(certificate: certificate))
        {
            var result = await Channel(server.Port, configure: o => o.EnableTls = true).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
            Assert.False(result.Delivered);
            Assert.Empty(server.Messages);
        }
    }

    [Fact]
    public async Task Authenticates_when_a_user_name_is_set_and_never_reveals_the_password()
    {
        const string password = "s3cret-Pass!";
        await using var server = new SmtpTestServer(credentials: new NetworkCredential("ita-mailer", password));

        var ok = await Channel(server.Port, configure: o => (o.UserName, o.Password) = ("ita-mailer", password)).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
        Assert.True(ok.Delivered, ok.ToString());
        Assert.Equal("ita-mailer", Assert.Single(server.Messages).User);

        // The server echoes the rejected credentials in its reply; the result must not.
        var wrong = await Channel(server.Port, configure: o => (o.UserName, o.Password) = ("ita-mailer", "wrong-" + password)).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
        Assert.False(wrong.Delivered);
        Assert.Contains("535", wrong.Detail);
        Assert.DoesNotContain(password, wrong.Detail);

        var anonymous = await Channel(server.Port).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
        Assert.False(anonymous.Delivered);
        Assert.Contains("requires authentication", anonymous.Detail);
        Assert.Single(server.Messages);
    }

    [Fact]
    public async Task A_refused_recipient_among_others_is_delivered_with_a_note_and_all_refused_is_a_failure()
    {
        await using (var server = new SmtpTestServer(refusedRecipients: ["somsri@na-kham.go.th"]))
        {
            var partial = await Channel(server.Port).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
            Assert.True(partial.Delivered, partial.ToString());
            Assert.Contains("somsri@na-kham.go.th", partial.Detail);
            Assert.Equal(new[] { "finance@na-kham.go.th" }, Assert.Single(server.Messages).RcptTo);
        }

        await using (var server = new SmtpTestServer(refusedRecipients: ["somsri@na-kham.go.th", "finance@na-kham.go.th"]))
        {
            var failed = await Channel(server.Port).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
            Assert.False(failed.Delivered);
            Assert.Equal("email", failed.Channel);
            Assert.Empty(server.Messages);
        }
    }

    [Fact]
    public async Task No_server_is_a_failed_delivery_not_an_exception()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Channel(port).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
        Assert.False(result.Delivered);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
    }

    [Fact]
    public async Task A_stalled_server_times_out()
    {
        await using var server = new SmtpTestServer(stallOnData: true);
        // The channel's own timeout ends the send ("timed out"); the guard only keeps a broken channel from hanging the run.
        var result = await Channel(server.Port, TimeSpan.FromMilliseconds(500)).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)))
            .WaitAsync(TimeSpan.FromMinutes(1));
        Assert.False(result.Delivered);
        Assert.Contains("timed out", result.Detail);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_swallowed()
    {
        await using var server = new SmtpTestServer(stallOnData: true);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Channel(server.Port).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)), cancel.Token));
    }

    [Fact]
    public void Options_are_checked()
    {
        Assert.Throws<ArgumentException>(() => new SmtpReminderChannel(new SmtpOptions { Host = "", FromAddress = "ita@na-kham.go.th" }));
        Assert.Throws<ArgumentException>(() => new SmtpReminderChannel(new SmtpOptions { Host = "smtp", FromAddress = "not-an-address" }));
        Assert.Throws<ArgumentException>(() => new SmtpReminderChannel(new SmtpOptions { Host = "smtp", FromAddress = "ita@na-kham.go.th", EnableTls = false, ImplicitTls = true }));
        Assert.Equal("email", new SmtpReminderChannel(new SmtpOptions { Host = "smtp", FromAddress = "ita@na-kham.go.th" }).Name);
    }

    [Fact]
    public void Port_465_means_implicit_tls_unless_told_otherwise()
    {
        Assert.Equal(SecureSocketOptions.StartTls, new SmtpOptions().Security);
        Assert.Equal(SecureSocketOptions.SslOnConnect, new SmtpOptions { Port = 465 }.Security);
        Assert.Equal(SecureSocketOptions.StartTls, new SmtpOptions { Port = 465, ImplicitTls = false }.Security);
        Assert.Equal(SecureSocketOptions.SslOnConnect, new SmtpOptions { Port = 2465, ImplicitTls = true }.Security);
        Assert.Equal(SecureSocketOptions.None, new SmtpOptions { Port = 465, EnableTls = false }.Security);
    }
}

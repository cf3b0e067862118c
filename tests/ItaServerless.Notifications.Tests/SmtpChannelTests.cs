// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Net;
using System.Net.Sockets;
using ItaServerless.Notifications.Channels;
using ItaServerless.Testing;

namespace ItaServerless.Notifications.Tests;

public class SmtpChannelTests
{
    private static SmtpReminderChannel Channel(int port, TimeSpan? timeout = null) => new(new SmtpOptions
    {
        Host = "127.0.0.1",
        Port = port,
        EnableTls = false,
        FromAddress = "ita@na-kham.go.th",
        FromName = "ระบบติดตามมาตรการ ITA",
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    });

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

        // Headers are 7-bit on the wire: Thai travels as RFC 2047 encoded words.
        Assert.All(received.Data.Split("\r\n\r\n")[0], c => Assert.True(c < 128, $"non-ASCII header character {c}"));
        var mail = MimeEntity.Parse(received.Data);
        Assert.Matches(@"^=\?utf-8\?[BQ]\?", mail.Header("Subject")!);
        Assert.Equal(message.Subject, mail.DecodedHeader("Subject"));
        Assert.Contains("<finance@na-kham.go.th>", mail.Header("To"));
        Assert.Contains("สมหญิง รักงาน", mail.DecodedHeader("To"));
        Assert.Contains("<somsri@na-kham.go.th>", mail.Header("To"));
        Assert.Contains("<plan@na-kham.go.th>", mail.Header("Cc"));
        Assert.Contains("ปลัด อบต.นาคำ", mail.DecodedHeader("Cc"));
        Assert.Null(mail.Header("Bcc"));
        Assert.Equal("na-kham|2569|6m|finance|7", mail.Header(ReminderMail.KeyHeader));
        Assert.Equal("<reminder.na-kham.2569.6m.finance.7@na-kham.go.th>", mail.Header("Message-ID"));
        Assert.StartsWith("multipart/alternative", mail.Header("Content-Type"));

        Assert.Equal(2, mail.Parts.Count);
        Assert.StartsWith("text/plain", mail.Parts[0].Header("Content-Type"));
        Assert.Contains("charset=utf-8", mail.Parts[0].Header("Content-Type"));
        Assert.Equal(message.Text, mail.Parts[0].Body);
        Assert.StartsWith("text/html", mail.Parts[1].Header("Content-Type"));
        Assert.Equal(message.Html, mail.Parts[1].Body);
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
        var started = DateTime.UtcNow;
        var result = await Channel(server.Port, TimeSpan.FromMilliseconds(500)).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
        Assert.False(result.Delivered);
        Assert.Contains("timed out", result.Detail);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Options_are_checked()
    {
        Assert.Throws<ArgumentException>(() => new SmtpReminderChannel(new SmtpOptions { Host = "", FromAddress = "ita@na-kham.go.th" }));
        Assert.Throws<ArgumentException>(() => new SmtpReminderChannel(new SmtpOptions { Host = "smtp", FromAddress = "not-an-address" }));
        Assert.Equal("email", new SmtpReminderChannel(new SmtpOptions { Host = "smtp", FromAddress = "ita@na-kham.go.th" }).Name);
    }
}

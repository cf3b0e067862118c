// SPDX-License-Identifier: MIT
using ItaServerless.Notifications.Channels;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace ItaServerless.Notifications.Tests;

public sealed class FileSinkChannelTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ita-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private sealed class ListLogger : ILogger<FileSinkChannel>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    [Fact]
    public async Task Writes_the_email_and_the_json_and_logs_a_line()
    {
        var logger = new ListLogger();
        var sink = new FileSinkChannel(new FileSinkOptions { Directory = _folder }, logger);
        var message = Samples.Message(new DateOnly(2026, 5, 9));

        var result = await sink.SendAsync(message);
        Assert.True(result.Delivered, result.ToString());
        // Sending again (a retry) replaces the files instead of adding more.
        Assert.True((await sink.SendAsync(message)).Delivered);

        Assert.Equal(new[] { "na-kham_2569_6m_finance_7.eml", "na-kham_2569_6m_finance_7.json" },
            Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Order());
        var path = Path.Combine(_folder, "na-kham_2569_6m_finance_7.eml");
        var raw = await File.ReadAllTextAsync(path);
        Assert.DoesNotContain("\n", raw.Replace("\r\n", "")); // CRLF, as on the wire
        using var eml = await MimeMessage.LoadAsync(path);
        Assert.Equal(message.Subject, eml.Subject);
        Assert.Equal("ระบบติดตามมาตรการ ITA", Assert.Single(eml.From.Mailboxes).Name);
        Assert.Contains(eml.Cc.Mailboxes, m => m.Address == "palad@na-kham.go.th" && m.Name == "ปลัด อบต.นาคำ");
        Assert.Equal("na-kham|2569|6m|finance|7", eml.Headers[ReminderMail.KeyHeader]);
        Assert.Equal(message.Text, eml.TextBody);
        Assert.Equal(message.Html, eml.HtmlBody);
        Assert.Equal(message.WebhookJson, await File.ReadAllTextAsync(Path.Combine(_folder, "na-kham_2569_6m_finance_7.json")));

        Assert.Equal(2, logger.Lines.Count);
        Assert.Contains("na-kham|2569|6m|finance|7", logger.Lines[0]);
        Assert.Contains("finance@na-kham.go.th", logger.Lines[0]);
        Assert.Contains(message.Subject, logger.Lines[0]);
    }

    [Fact]
    public async Task A_message_without_recipients_is_written_to_undisclosed_recipients()
    {
        var sink = new FileSinkChannel(new FileSinkOptions { Directory = _folder }, new ListLogger());
        var message = Samples.Message(new DateOnly(2026, 5, 9)) with { To = [], Cc = [] };

        Assert.True((await sink.SendAsync(message)).Delivered);

        using var eml = await MimeMessage.LoadAsync(Path.Combine(_folder, FileSinkChannel.FileStem(message) + ".eml"));
        Assert.Equal("undisclosed-recipients", Assert.IsType<GroupAddress>(Assert.Single(eml.To)).Name);
        Assert.Equal(message.Subject, eml.Subject);
    }
}

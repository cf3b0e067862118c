// SPDX-License-Identifier: AGPL-3.0-or-later
using ItaServerless.Notifications.Channels;
using Microsoft.Extensions.Logging;

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
        var eml = MimeEntity.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "na-kham_2569_6m_finance_7.eml")));
        Assert.Equal(message.Subject, eml.DecodedHeader("Subject"));
        Assert.Contains("<palad@na-kham.go.th>", eml.Header("Cc"));
        Assert.Equal(message.Text, eml.Parts[0].Body);
        Assert.Equal(message.WebhookJson, await File.ReadAllTextAsync(Path.Combine(_folder, "na-kham_2569_6m_finance_7.json")));

        Assert.Equal(2, logger.Lines.Count);
        Assert.Contains("na-kham|2569|6m|finance|7", logger.Lines[0]);
        Assert.Contains("finance@na-kham.go.th", logger.Lines[0]);
        Assert.Contains(message.Subject, logger.Lines[0]);
    }
}

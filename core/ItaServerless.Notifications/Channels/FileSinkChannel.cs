// SPDX-License-Identifier: MIT
using System.Text;
using ItaServerless.Notifications.Messages;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace ItaServerless.Notifications.Channels;

/// <summary>File sink settings (configuration "Notifications:FileSink"), for local runs.</summary>
public sealed class FileSinkOptions
{
    /// <summary>Folder receiving one .eml and one .json per reminder; created when missing.</summary>
    public string Directory { get; set; } = "outbox";

    /// <summary>The From of the .eml files.</summary>
    public string FromAddress { get; set; } = "ita@localhost.localdomain";

    public string FromName { get; set; } = "ระบบติดตามมาตรการ ITA";
}

/// <summary>
/// Local stand-in for the real channels: writes each reminder as the e-mail that SMTP would
/// send ({org}_{fy}_{round}_{unit}_{slot}.eml, openable in a mail client) and the webhook
/// JSON beside it, and logs one line. Writing again replaces the files.
/// </summary>
public sealed class FileSinkChannel : IReminderChannel
{
    /// <summary>CRLF, as on the wire, whatever the OS.</summary>
    private static readonly FormatOptions EmlFormat = CreateEmlFormat();

    private readonly FileSinkOptions _options;
    private readonly ILogger _logger;

    public FileSinkChannel(FileSinkOptions options, ILogger<FileSinkChannel> logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public string Name => "file";

    /// <summary>The file name (without extension) used for a message.</summary>
    public static string FileStem(ReminderMessage message) => message.Key.FullValue.Replace('|', '_');

    public async Task<DeliveryResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var folder = Path.GetFullPath(_options.Directory);
            Directory.CreateDirectory(folder);
            var stem = Path.Combine(folder, FileStem(message));
            await WriteEmlAsync(message, stem + ".eml", cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(stem + ".json", message.WebhookJson, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Reminder {Key} to {To} cc {Cc}: {Subject} -> {File}.eml",
                message.Key.FullValue, string.Join(", ", message.To.Select(t => t.Email)),
                string.Join(", ", message.Cc.Select(t => t.Email)), message.Subject, stem);
            return DeliveryResult.Success(Name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ParseException)
        {
            return DeliveryResult.Failure(Name, e.Message);
        }
    }

    private async Task WriteEmlAsync(ReminderMessage message, string path, CancellationToken cancellationToken)
    {
        using var mail = ReminderMail.Build(message, _options.FromAddress, _options.FromName);
        // RFC 5322's way of saying "no listed recipient".
        if (mail.To.Count == 0) mail.To.Add(new GroupAddress("undisclosed-recipients"));
        // Write beside, then move into place: a mail client never opens a half-written file.
        var scratch = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await mail.WriteToAsync(EmlFormat, scratch, cancellationToken).ConfigureAwait(false);
            File.Move(scratch, path, overwrite: true);
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    private static FormatOptions CreateEmlFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Net.Mail;
using System.Text;
using ItaServerless.Notifications.Messages;
using Microsoft.Extensions.Logging;

namespace ItaServerless.Notifications.Channels;

/// <summary>File sink settings (configuration "Notifications:Outbox"), for local runs.</summary>
public sealed class FileSinkOptions
{
    /// <summary>Folder receiving one .eml and one .json per reminder; created when missing.</summary>
    public string Directory { get; set; } = "outbox";

    /// <summary>The From of the .eml files.</summary>
    public string FromAddress { get; set; } = "ita@localhost.localdomain";

    public string FromName { get; set; } = "ระบบติดตามมาตรการ ITA";
}

/// <summary>
/// Local stand-in for the real channels: writes each reminder as the exact e-mail that SMTP
/// would send ({org}_{fy}_{round}_{unit}_{slot}.eml, openable in a mail client) and the
/// webhook JSON beside it, and logs one line. Writing again replaces the files.
/// </summary>
public sealed class FileSinkChannel : IReminderChannel
{
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
            await WriteEmlAsync(message, folder, stem + ".eml", cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(stem + ".json", message.WebhookJson, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Reminder {Key} to {To} cc {Cc}: {Subject} -> {File}.eml",
                message.Key.FullValue, string.Join(", ", message.To.Select(t => t.Email)),
                string.Join(", ", message.Cc.Select(t => t.Email)), message.Subject, stem);
            return DeliveryResult.Success(Name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SmtpException)
        {
            return DeliveryResult.Failure(Name, e.Message);
        }
    }

    private async Task WriteEmlAsync(ReminderMessage message, string folder, string path, CancellationToken cancellationToken)
    {
        // System.Net.Mail's pickup-directory delivery writes the very bytes SMTP would send,
        // under a random name: write into a private folder, then move into place.
        var scratch = Path.Combine(folder, ".pickup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            using var mail = ReminderMail.Build(message, _options.FromAddress, _options.FromName);
            if (mail.To.Count == 0) mail.To.Add(new MailAddress("undisclosed-recipients@localhost.localdomain"));
            using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = scratch };
            await client.SendMailAsync(mail, cancellationToken).ConfigureAwait(false);
            File.Move(Directory.GetFiles(scratch).Single(), path, overwrite: true);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}

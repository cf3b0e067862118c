// SPDX-License-Identifier: AGPL-3.0-or-later
using Azure;

namespace ItaServerless.Storage.Tables;

public enum TableUpdateMode
{
    /// <summary>Only the given properties change (HTTP MERGE).</summary>
    Merge,

    /// <summary>The entity is replaced; missing properties are removed (HTTP PUT).</summary>
    Replace,
}

public enum TableTransactionActionType
{
    Add,
    UpsertMerge,
    UpsertReplace,
    UpdateMerge,
    UpdateReplace,
    Delete,
}

/// <summary>One operation of an entity group transaction; Update/Delete use <see cref="ETag"/> (default: "*").</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);

/// <summary>The outcome of one successful transaction action.</summary>
public sealed record TableTransactionResult(int Status, ETag ETag);

/// <summary>An entity group transaction failed: nothing was written. <see cref="FailedTransactionActionIndex"/> names the culprit.</summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedIndex)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedIndex;
    }

    public int? FailedTransactionActionIndex { get; }
}

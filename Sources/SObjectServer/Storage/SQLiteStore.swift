import Foundation
import NIOCore
import SObjectGenCore
import SObjectRuntime
import SQLiteNIO

/// Records in one SQLite file (WAL): one writer connection whose transactions commit writes in
/// groups (`GroupCommit`), each commit durable (`synchronous = FULL`: the WAL is synced before a
/// write is acknowledged), and a few reader connections.
public final class SQLiteStore: RecordStore {
  public var dialect: SQLDialect { .sqlite }
  private let writer: SQLiteConnection
  private let readers: [SQLiteConnection]
  private let writeLock: AsyncLock
  private let next = Counter()
  private let groupCommit: GroupCommit<SQLiteSession>

  public static func open(path: String, readers: Int = 4) async throws -> SQLiteStore {
    let writer = try await SQLiteConnection.open(storage: .file(path: path))
    for pragma in [
      "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
      "PRAGMA busy_timeout = 10000",
    ] {
      _ = try await writer.query(pragma, [])
    }
    var readerConnections: [SQLiteConnection] = []
    for _ in 0..<max(1, readers) {
      let reader = try await SQLiteConnection.open(storage: .file(path: path))
      _ = try await reader.query("PRAGMA busy_timeout = 10000", [])
      _ = try await reader.query("PRAGMA query_only = ON", [])
      readerConnections.append(reader)
    }
    return SQLiteStore(writer: writer, readers: readerConnections)
  }

  private init(writer: SQLiteConnection, readers: [SQLiteConnection]) {
    self.writer = writer
    self.readers = readers
    let lock = AsyncLock()
    writeLock = lock
    groupCommit = GroupCommit(session: SQLiteSession(connection: writer), exclusive: lock) { statement in
      try await writer.query(statement, []) { _ in }
    }
  }

  public func read<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T {
    let connection = readers[next.increment() % readers.count]
    return try await body(SQLiteSession(connection: connection))
  }

  public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreSession) async throws -> T) async throws -> T {
    try await groupCommit.write { session in try await body(session) }
  }

  public func runScript(_ script: String) async throws {
    try await writeLock.withLock {
      for statement in SQLScript.statements(script) {
        let rows = try await self.writer.query(statement, [])
        if statement.uppercased().hasPrefix("PRAGMA FOREIGN_KEY_CHECK"), !rows.isEmpty {
          _ = try? await self.writer.query("ROLLBACK", [])
          throw StoreError("the migration breaks references: \(rows.map(\.description).joined(separator: "; "))")
        }
      }
    }
  }

  /// `PRAGMA integrity_check`'s answer: `ok` for a sound file.
  public func integrityCheck() async throws -> String {
    let rows = try await writer.query("PRAGMA integrity_check", [])
    return rows.compactMap { $0.columns.first?.data.string }.joined(separator: "\n")
  }

  public func close() async throws {
    for reader in readers { try await reader.close() }
    try await writer.close()
  }
}

/// The rows of one statement: filled on sqlite-nio's thread (one statement steps on one thread),
/// read once the statement has finished.
final class RowCollector: @unchecked Sendable {
  var values: [[SQLValue]] = []
}

/// A thread-safe round-robin counter.
final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLock()
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value &+= 1
    return value & Int.max
  }
}

struct SQLiteSession: StoreSession {
  var connection: SQLiteConnection
  var dialect: SQLDialect { .sqlite }

  func execute(_ sql: String, _ binds: [SQLValue]) async throws {
    try await connection.query(sql, binds.map(Self.bind)) { _ in }
  }

  /// The rows, each read into values on sqlite-nio's thread as it is stepped (no hop per row).
  func query(_ sql: String, _ binds: [SQLValue], types: [SQLColumnType]) async throws -> [[SQLValue]] {
    let rows = RowCollector()
    try await connection.query(sql, binds.map(Self.bind)) { row in
      rows.values.append(zip(row.columns, types).map { Self.value($0.data, as: $1) })
    }
    return rows.values
  }

  static func bind(_ value: SQLValue) -> SQLiteData {
    switch value {
    case .null: return .null
    case .bool(let flag): return .integer(flag ? 1 : 0)
    case .integer(let number): return .integer(SQLiteInt64(number))
    case .double(let number): return .float(number)
    case .text(let text): return .text(text)
    case .dateTime(let date): return .text(StoredDateTime.sqliteText(date))
    case .binary(let bytes): return .blob(ByteBuffer(bytes: bytes))
    }
  }

  static func value(_ data: SQLiteData, as type: SQLColumnType) -> SQLValue {
    if case .null = data { return .null }
    switch type {
    case .boolean: return .bool((data.integer ?? 0) != 0)
    case .integer, .bigint: return data.integer.map { .integer(Int64($0)) } ?? .null
    case .decimal: return data.double.map(SQLValue.double) ?? .null
    case .datetime: return data.string.flatMap(StoredDateTime.parse).map(SQLValue.dateTime) ?? .null
    case .binary:
      if case .blob(var buffer) = data { return .binary(buffer.readBytes(length: buffer.readableBytes) ?? []) }
      return .null
    case .id, .text, .date, .time: return data.string.map(SQLValue.text) ?? .null
    }
  }
}

/// Date-times as SQLite stores them (`2024-05-01T09:30:00.000Z`, what the rule triggers write too)
/// and as the REST API writes them (`2024-05-01T09:30:00.000+0000`).
enum StoredDateTime {
  static func sqliteText(_ date: Date) -> String {
    String(restText(date).dropLast(5)) + "Z"
  }

  /// The runtime's REST form.
  static func restText(_ date: Date) -> String {
    SalesforceDateTime(date).description
  }

  /// Reads what SQLite holds (`…Z`, or `YYYY-MM-DD HH:MM:SS` from its own functions).
  static func parse(_ text: String) -> Date? {
    SalesforceDateTime(text.replacingOccurrences(of: " ", with: "T")).map(\.date)
  }
}

import Foundation
import GRDB
import SObjectGenCore
import SObjectRuntime

/// Records in one SQLite file (WAL) through GRDB: one writer connection whose transactions commit
/// writes in groups (`GroupCommit`), each commit durable (`synchronous = FULL`: the WAL is synced
/// before a write is acknowledged), and a few read-only reader connections, taken in turn: a read
/// waits only for its own reader's earlier reads, never for a pool's free reader (GRDB's
/// `DatabasePool` hands readers out through one waiting queue, which put 100–200 ms on the 99th
/// percentile of retrieves at 64 connections). Every statement the server runs is prepared once
/// per connection (`StatementCache`).
public final class SQLiteStore: RecordStore {
  public var dialect: SQLDialect { .sqlite }
  private let pool: DatabasePool
  private let readers: [DatabaseQueue]
  private let next = Counter()
  private let statements: StatementCache
  private let writeLock: AsyncLock
  private let groupCommit: GroupCommit<SQLiteSession>

  public static func open(path: String, readers: Int = 4) async throws -> SQLiteStore {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(10)
    configuration.maximumReaderCount = max(1, readers)
    // Group commit keeps the writer's transaction open across the accesses of one batch.
    configuration.allowsUnsafeTransactions = true
    // As SQLite itself: the generated DDL and migrations were written for the sqlite3 shell.
    configuration.acceptsDoubleQuotedStringLiterals = true
    configuration.label = "sobjectgen-server.sqlite"
    let pool = try DatabasePool(path: path, configuration: configuration)
    // GRDB sets NORMAL in WAL mode; a write is acknowledged only once its commit is synced.
    // Each write of a group commit runs in a savepoint, whose journal (the pages the write changes
    // that earlier writes of the batch had changed) SQLite writes to a temporary file past 64 KB;
    // in memory, a batch costs no file writes but its WAL frames. (Recovery never reads it.)
    try await pool.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
      try db.execute(sql: "PRAGMA temp_store = MEMORY")
    }
    var readerConfiguration = Configuration()
    readerConfiguration.readonly = true
    readerConfiguration.busyMode = .timeout(10)
    readerConfiguration.acceptsDoubleQuotedStringLiterals = true
    readerConfiguration.label = "sobjectgen-server.sqlite.reader"
    let readers = try (0..<max(1, readers)).map { _ in
      try DatabaseQueue(path: path, configuration: readerConfiguration)
    }
    return SQLiteStore(pool: pool, readers: readers)
  }

  private init(pool: DatabasePool, readers: [DatabaseQueue]) {
    self.pool = pool
    self.readers = readers
    let statements = StatementCache()
    self.statements = statements
    let lock = AsyncLock()
    writeLock = lock
    let writer = SQLiteSession(pool: pool, statements: statements, access: .writer(WaitingStatements()))
    groupCommit = GroupCommit(connection: writer, exclusive: lock)
  }

  public func read<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T {
    let reader = readers[next.increment() % readers.count]
    return try await body(SQLiteSession(pool: pool, statements: statements, access: .reader(reader)))
  }

  public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreSession) async throws -> T) async throws -> T {
    try await groupCommit.write { session in try await body(session) }
  }

  public func runScript(_ script: String) async throws {
    try await writeLock.withLock {
      try await self.pool.writeWithoutTransaction { db in
        do {
          for statement in SQLScript.statements(script) {
            let rows = try Row.fetchAll(db, sql: statement)
            if statement.uppercased().hasPrefix("PRAGMA FOREIGN_KEY_CHECK"), !rows.isEmpty {
              throw StoreError(
                "the migration breaks references: \(rows.map(\.description).joined(separator: "; "))")
            }
          }
        } catch {
          // A script's own BEGIN is not left open for the writes that follow.
          if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
          throw error
        }
      }
      // The schema changed: statements prepared before are compiled again on their next use.
      self.statements.removeAll()
    }
  }

  /// `PRAGMA integrity_check`'s answer: `ok` for a sound file.
  public func integrityCheck() async throws -> String {
    try await pool.writeWithoutTransaction { db in
      try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
    }
  }

  public func close() async throws {
    statements.removeAll()
    for reader in readers { try reader.close() }
    try pool.close()
  }
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

/// Statements that wait to run first in the writer's next access (a group commit's savepoints).
/// Used by one write at a time: the group commit runs its writes one after another.
final class WaitingStatements: @unchecked Sendable {
  private let lock = NSLock()
  private var statements: [String] = []

  func append(_ statement: String) {
    lock.lock()
    defer { lock.unlock() }
    statements.append(statement)
  }

  func removeLast(_ statement: String) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    guard statements.last == statement else { return false }
    statements.removeLast()
    return true
  }

  func take() -> [String] {
    lock.lock()
    defer { lock.unlock() }
    let taken = statements
    statements = []
    return taken
  }
}

/// Statements on the store's writer connection (inside a write) or on one of its readers. Each
/// statement is one access to the connection's queue, prepared once per connection; on the writer,
/// the statements waiting to run go first in the same access.
struct SQLiteSession: StoreSession, GroupCommitConnection {
  enum Access: Sendable {
    case writer(WaitingStatements)
    case reader(DatabaseQueue)
  }

  var pool: DatabasePool
  var statements: StatementCache
  var access: Access
  var dialect: SQLDialect { .sqlite }

  /// Runs `work` on the session's connection.
  func run<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
    switch access {
    case .writer(let waiting):
      let first = waiting.take()
      let statements = statements
      return try await pool.writeWithoutTransaction { db in
        do {
          for sql in first { try statements.with(sql, in: db) { try $0.execute() } }
        } catch {
          // A savepoint that did not begin or end as planned: the whole transaction goes, so that
          // its batch fails rather than a rollback reaching the wrong savepoint.
          if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
          throw error
        }
        return try work(db)
      }
    case .reader(let reader): return try await reader.unsafeRead(work)
    }
  }

  // MARK: GroupCommitConnection (the writer's session only)

  func run(_ statements: [String]) async throws {
    let cache = self.statements
    try await run { db in
      for sql in statements { try cache.with(sql, in: db) { try $0.execute() } }
    }
  }

  func runBeforeNext(_ statement: String) {
    if case .writer(let waiting) = access { waiting.append(statement) }
  }

  func cancelWaiting(_ statement: String) -> Bool {
    if case .writer(let waiting) = access { return waiting.removeLast(statement) }
    return false
  }

  func discardWaiting() {
    if case .writer(let waiting) = access { _ = waiting.take() }
  }

  func execute(_ sql: String, _ binds: [SQLValue]) async throws {
    let arguments = StatementArguments(binds.map(Self.bind))
    let statements = statements
    try await run { db in
      try statements.with(sql, in: db) { try $0.execute(arguments: arguments) }
    }
  }

  /// The rows, each read into values on the connection's queue as it is stepped.
  func query(_ sql: String, _ binds: [SQLValue], types: [SQLColumnType]) async throws -> [[SQLValue]] {
    try await rows(sql, binds.map(Self.bind)) { row in
      zip(0..<row.count, types).map { Self.value(row[$0], as: $1) }
    }
  }

  /// The rows of a statement, each converted by `read` while the statement is stepped.
  func rows<Value: Sendable>(
    _ sql: String, _ binds: [DatabaseValue], read: @escaping @Sendable (Row) -> Value
  ) async throws -> [Value] {
    let arguments = StatementArguments(binds)
    let statements = statements
    return try await run { db in
      try statements.with(sql, in: db) { statement in
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        var values: [Value] = []
        while let row = try cursor.next() { values.append(read(row)) }
        return values
      }
    }
  }

  static func bind(_ value: SQLValue) -> DatabaseValue {
    switch value {
    case .null: return .null
    case .bool(let flag): return (flag ? 1 : 0).databaseValue
    case .integer(let number): return number.databaseValue
    case .double(let number): return number.databaseValue
    case .text(let text): return text.databaseValue
    case .dateTime(let date): return StoredDateTime.sqliteText(date).databaseValue
    case .binary(let bytes): return Data(bytes).databaseValue
    }
  }

  static func value(_ data: DatabaseValue, as type: SQLColumnType) -> SQLValue {
    switch (data.storage, type) {
    case (.null, _): return .null
    case (.int64(let number), .boolean): return .bool(number != 0)
    case (.double(let number), .boolean): return .bool(number != 0)
    case (.string(let text), .boolean): return .bool((Int64(text) ?? 0) != 0)
    case (.int64(let number), .integer), (.int64(let number), .bigint): return .integer(number)
    case (.double(let number), .integer), (.double(let number), .bigint): return .integer(Int64(number))
    case (.string(let text), .integer), (.string(let text), .bigint): return Int64(text).map(SQLValue.integer) ?? .null
    case (.int64(let number), .decimal): return .double(Double(number))
    case (.double(let number), .decimal): return .double(number)
    case (.string(let text), .decimal): return Double(text).map(SQLValue.double) ?? .null
    case (_, .datetime): return text(data).flatMap(StoredDateTime.parse).map(SQLValue.dateTime) ?? .null
    case (.blob(let bytes), .binary): return .binary([UInt8](bytes))
    case (_, .binary): return .null
    case (_, .id), (_, .text), (_, .date), (_, .time): return text(data).map(SQLValue.text) ?? .null
    default: return .null
    }
  }

  /// A stored value as text, as SQLite's own conversion gives it.
  static func text(_ data: DatabaseValue) -> String? {
    switch data.storage {
    case .null: return nil
    case .int64(let number): return String(number)
    case .double(let number): return String(number)
    case .string(let text): return text
    case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
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

  /// Reads what SQLite holds: `…Z`, or `YYYY-MM-DD HH:MM:SS` (UTC, with no offset) from its own
  /// functions such as `datetime('now')`.
  static func parse(_ text: String) -> Date? {
    (SalesforceDateTime(text) ?? SalesforceDateTime(text + "Z")).map(\.date)
  }
}

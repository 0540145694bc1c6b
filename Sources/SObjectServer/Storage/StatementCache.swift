import Foundation
import GRDB

/// Prepared statements kept per SQLite connection, so that a statement the server runs again (a
/// record's INSERT with its CHECK constraints, foreign keys and triggers compiles into thousands of
/// VDBE opcodes) is compiled once per connection. A connection's statements are only used on its
/// own queue; the lock guards the dictionary, not the statements.
///
/// The SQL of a record statement depends on the fields a request names, so the number of distinct
/// statements is bounded here: when a connection holds `capacity` of them, its cache starts again.
final class StatementCache: @unchecked Sendable {
  let capacity: Int
  private let lock = NSLock()
  private var statements: [ObjectIdentifier: [String: Statement]] = [:]

  init(capacity: Int = 256) {
    self.capacity = capacity
  }

  /// The connection's prepared statement of `sql`, compiled on first use.
  func statement(_ sql: String, in db: Database) throws -> Statement {
    let connection = ObjectIdentifier(db)
    lock.lock()
    let cached = statements[connection]?[sql]
    lock.unlock()
    if let cached { return cached }
    let statement = try db.makeStatement(sql: sql)
    lock.lock()
    if statements[connection, default: [:]].count >= capacity { statements[connection] = [:] }
    statements[connection, default: [:]][sql] = statement
    lock.unlock()
    return statement
  }

  /// Runs `work` with the connection's prepared statement of `sql`. A statement whose run failed
  /// is dropped (SQLite would report the old failure again on its next reset) and compiled anew.
  func with<T>(_ sql: String, in db: Database, _ work: (Statement) throws -> T) throws -> T {
    let statement = try statement(sql, in: db)
    do {
      return try work(statement)
    } catch {
      lock.lock()
      statements[ObjectIdentifier(db)]?[sql] = nil
      lock.unlock()
      throw error
    }
  }

  /// Finalizes every statement (before the connections close, or after the schema changed).
  func removeAll() {
    lock.lock()
    let dropped = statements
    statements = [:]
    lock.unlock()
    _ = dropped
  }
}

import Foundation
import SObjectGenCore

/// A value as the storage layer binds and reads it, independent of the engine.
public enum SQLValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case integer(Int64)
  case double(Double)
  /// Text, IDs, picklists; dates as `YYYY-MM-DD` and times as `HH:MM:SS.sss`.
  case text(String)
  case dateTime(Date)
  case binary([UInt8])

  var isNull: Bool { self == .null }
}

/// Statements run inside one `read` or `write` of a store. SQL is always parameterised: values
/// travel as binds, never inside the SQL text (`SQLText` writes the placeholders).
public protocol StoreSession: Sendable {
  var dialect: SQLDialect { get }
  func execute(_ sql: String, _ binds: [SQLValue]) async throws
  /// Rows of the statement, each value read as the given column type (one per selected column).
  func query(_ sql: String, _ binds: [SQLValue], types: [SQLColumnType]) async throws -> [[SQLValue]]
}

/// Where records live: SQLite or PostgreSQL, behind the same calls.
public protocol RecordStore: Sendable {
  var dialect: SQLDialect { get }
  /// Reads; may run alongside other reads and one write.
  func read<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T
  /// One transaction (or, on SQLite, one savepoint of a group commit): committed when `body`
  /// returns, rolled back when it throws; the call returns once the commit is durable.
  func write<T: Sendable>(_ body: @escaping @Sendable (any StoreSession) async throws -> T) async throws -> T
  /// Runs a script of several statements (DDL, a migration) outside any transaction of its own.
  func runScript(_ script: String) async throws
  func close() async throws
}

/// A storage failure the server did not expect (a constraint the validation let through).
public struct StoreError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// A FIFO lock for async code: one holder at a time, across suspension points.
actor AsyncLock {
  private var isLocked = false
  private var waiters: [CheckedContinuation<Void, Never>] = []

  func lock() async {
    if !isLocked {
      isLocked = true
      return
    }
    await withCheckedContinuation { waiters.append($0) }
  }

  func unlock() {
    if waiters.isEmpty {
      isLocked = false
    } else {
      waiters.removeFirst().resume()
    }
  }

  func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
    await lock()
    do {
      let result = try await body()
      unlock()
      return result
    } catch {
      unlock()
      throw error
    }
  }
}

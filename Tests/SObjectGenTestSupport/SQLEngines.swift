import Foundation
import SObjectGenCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The SQL engines the tests run the DDL on: the `sqlite3` shell on a file, and a PostgreSQL 15
/// server the tests start themselves (a throwaway data folder, a Unix socket in a temp folder, no
/// TCP port), stopped when the test process exits.
public enum SQLEngines {
  /// CI=true makes a missing engine a test failure; elsewhere its tests are skipped with a message.
  public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

  public static let sqliteShell: String? = findExecutable([
    "/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3",
  ])

  /// Where the PostgreSQL server programs are: Debian's `postgresql-15` package, or `PG_BIN`.
  public static var postgresBin: String? { PostgreSQLServer.installedBin }

  public static var isSQLiteAvailable: Bool { sqliteShell != nil }
  public static var isPostgreSQLAvailable: Bool { postgresBin != nil }

  /// Called first by every test that needs an engine. An installed engine lets the test run. A missing
  /// one fails the test in CI, and elsewhere cancels it with the reason, so that the run reports it as
  /// skipped: a missing engine never passes by running nothing.
  public static func requireEngine(_ dialect: SQLDialect, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let (available, reason) =
      switch dialect {
      case .sqlite: (isSQLiteAvailable, "sqlite3 is not installed (apt-get install sqlite3)")
      case .postgresql:
        (isPostgreSQLAvailable, "PostgreSQL 15 is not installed (apt-get install postgresql)")
      }
    if available { return }
    if isCI { throw EngineError(description: "\(reason); CI=true requires every engine") }
    try Test.cancel("skipped: \(reason)", sourceLocation: sourceLocation)
  }

  private static func findExecutable(_ paths: [String]) -> String? {
    paths.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}

/// A database the tests write to: a fresh SQLite file or a fresh PostgreSQL database.
public protocol TestDatabase {
  var dialect: SQLDialect { get }
  /// Runs a script; the result, whether it failed or not.
  func run(_ script: String) throws -> ProcessResult
}

extension TestDatabase {
  /// Runs a script that must succeed.
  @discardableResult
  public func execute(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let result = try run(script)
    guard result.status == 0, result.stderr.isEmpty else {
      throw EngineError(description: "\(dialect) refused the script (\(result.status)): \(result.stderr)")
    }
    return result.stdout
  }

  /// The rows a query returns, columns joined by `|`, NULL as `NULL`.
  public func rows(_ query: String) throws -> [String] {
    try execute(query).split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
  }

  /// The one value a query returns.
  public func value(_ query: String) throws -> String {
    let rows = try rows(query)
    guard rows.count == 1 else { throw EngineError(description: "expected one row from \(query), got \(rows)") }
    return rows[0]
  }

  /// The engine's error message when it refuses the statement; nil when it accepts it.
  public func refusal(_ statement: String) throws -> String? {
    let result = try run(statement)
    if result.status != 0 || !result.stderr.isEmpty { return result.stderr }
    return nil
  }
}

/// A SQLite database in a file of its own, used through the `sqlite3` shell with foreign keys on.
public struct SQLiteDatabase: TestDatabase {
  public let dialect = SQLDialect.sqlite
  public let path: String

  public init() throws {
    guard SQLEngines.sqliteShell != nil else {
      throw EngineError(description: "sqlite3 is not installed (apt-get install -y sqlite3)")
    }
    path = FileManager.default.temporaryDirectory.appendingPathComponent("sobjectgen-\(UUID().uuidString).db").path
  }

  public func run(_ script: String) throws -> ProcessResult {
    try runProgram(
      SQLEngines.sqliteShell!, ["-bail", "-batch", "-noheader", "-list", "-nullvalue", "NULL", path],
      input: "PRAGMA foreign_keys = ON;\n" + script)
  }

  public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A database of its own on the shared test server.
public struct PostgreSQLDatabase: TestDatabase {
  public let dialect = SQLDialect.postgresql
  public let name: String
  public let server: PostgreSQLServer

  public init() throws {
    server = try PostgreSQLServer.shared()
    name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    try server.psql(database: "postgres", "CREATE DATABASE \(name);")
  }

  public func run(_ script: String) throws -> ProcessResult {
    try server.psqlResult(database: name, script)
  }

  public func remove() { _ = try? server.psqlResult(database: "postgres", "DROP DATABASE IF EXISTS \(name);") }
}

/// A fresh database of the dialect; `body` runs with it, and it is removed afterwards.
public func withDatabase<T>(
  _ dialect: SQLDialect, sourceLocation: SourceLocation = #_sourceLocation, _ body: (any TestDatabase) throws -> T
) throws -> T {
  try SQLEngines.requireEngine(dialect, sourceLocation: sourceLocation)
  switch dialect {
  case .sqlite:
    let database = try SQLiteDatabase()
    defer { database.remove() }
    return try body(database)
  case .postgresql:
    let database = try PostgreSQLDatabase()
    defer { database.remove() }
    return try body(database)
  }
}

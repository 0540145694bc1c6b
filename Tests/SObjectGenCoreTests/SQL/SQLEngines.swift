import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The SQL engines the tests run the DDL on: the `sqlite3` shell on a file, and a PostgreSQL 15
/// server the tests start themselves (a throwaway data folder, a Unix socket in a temp folder, no
/// TCP port), stopped when the test process exits.
enum SQLEngines {
  /// CI=true makes a missing engine a test failure; elsewhere its tests are skipped with a message.
  static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

  static let sqliteShell: String? = findExecutable([
    "/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3",
  ])

  /// Where the PostgreSQL server programs are: Debian's `postgresql-15` package, or `PG_BIN`.
  static var postgresBin: String? { PostgreSQLServer.installedBin }

  static var isSQLiteAvailable: Bool { sqliteShell != nil }
  static var isPostgreSQLAvailable: Bool { postgresBin != nil }

  /// Tests of an engine run when it is installed, and always in CI (where its absence must fail).
  static func shouldRun(_ dialect: SQLDialect) -> Bool {
    if isCI { return true }
    switch dialect {
    case .sqlite:
      if !isSQLiteAvailable { print("note: sqlite3 is not installed; SQLite tests skipped (apt-get install sqlite3)") }
      return isSQLiteAvailable
    case .postgresql:
      if !isPostgreSQLAvailable {
        print("note: PostgreSQL 15 is not installed; PostgreSQL tests skipped (apt-get install postgresql)")
      }
      return isPostgreSQLAvailable
    }
  }

  /// The dialects whose engine the tests can use here.
  static var runnableDialects: [SQLDialect] { SQLDialect.allCases.filter(shouldRun) }

  private static func findExecutable(_ paths: [String]) -> String? {
    paths.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}

/// A database the tests write to: a fresh SQLite file or a fresh PostgreSQL database.
protocol TestDatabase {
  var dialect: SQLDialect { get }
  /// Runs a script; the result, whether it failed or not.
  func run(_ script: String) throws -> ProcessResult
}

extension TestDatabase {
  /// Runs a script that must succeed.
  @discardableResult
  func execute(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let result = try run(script)
    guard result.status == 0, result.stderr.isEmpty else {
      throw EngineError(description: "\(dialect) refused the script (\(result.status)): \(result.stderr)")
    }
    return result.stdout
  }

  /// The rows a query returns, columns joined by `|`, NULL as `NULL`.
  func rows(_ query: String) throws -> [String] {
    try execute(query).split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
  }

  /// The one value a query returns.
  func value(_ query: String) throws -> String {
    let rows = try rows(query)
    guard rows.count == 1 else { throw EngineError(description: "expected one row from \(query), got \(rows)") }
    return rows[0]
  }

  /// The engine's error message when it refuses the statement; nil when it accepts it.
  func refusal(_ statement: String) throws -> String? {
    let result = try run(statement)
    if result.status != 0 || !result.stderr.isEmpty { return result.stderr }
    return nil
  }
}

/// A SQLite database in a file of its own, used through the `sqlite3` shell with foreign keys on.
struct SQLiteDatabase: TestDatabase {
  let dialect = SQLDialect.sqlite
  let path: String

  init() throws {
    guard SQLEngines.sqliteShell != nil else {
      throw EngineError(description: "sqlite3 is not installed (apt-get install -y sqlite3)")
    }
    path = FileManager.default.temporaryDirectory.appendingPathComponent("sobjectgen-\(UUID().uuidString).db").path
  }

  func run(_ script: String) throws -> ProcessResult {
    try runProgram(
      SQLEngines.sqliteShell!, ["-bail", "-batch", "-noheader", "-list", "-nullvalue", "NULL", path],
      input: "PRAGMA foreign_keys = ON;\n" + script)
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A database of its own on the shared test server.
struct PostgreSQLDatabase: TestDatabase {
  let dialect = SQLDialect.postgresql
  let name: String
  let server: PostgreSQLServer

  init() throws {
    server = try PostgreSQLServer.shared()
    name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    try server.psql(database: "postgres", "CREATE DATABASE \(name);")
  }

  func run(_ script: String) throws -> ProcessResult {
    try server.psqlResult(database: name, script)
  }

  func remove() { _ = try? server.psqlResult(database: "postgres", "DROP DATABASE IF EXISTS \(name);") }
}

/// A fresh database of the dialect; `body` runs with it, and it is removed afterwards.
func withDatabase<T>(_ dialect: SQLDialect, _ body: (any TestDatabase) throws -> T) throws -> T {
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

import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import SObjectQuery
import Testing

/// The fixed data set and the query table (Fixtures/, written by make_cases.py).
enum QueryFixtures {
  static let folder = packageRoot.appendingPathComponent("Tests/SObjectQueryTests/Fixtures")
  static let model: MetadataModel = try! loadRepositoryMetadata()
  static let engine = SOQLEngine(model: model)
  /// Saturday 2024-06-15 12:00 UTC: what the date literals of the table are judged against.
  static let clock = QueryClock.fixed(Date(timeIntervalSince1970: 1_718_452_800))

  struct Data: Decodable {
    var now: String
    var objects: [String: [[String: JSONTree]]]
  }

  struct Case: Decodable {
    var soql: String
    var ordered: Bool
    var queryAll: Bool
    var apiVersion: String
    var totalSize: Int
    var records: [JSONTree]
  }

  static func data() throws -> Data {
    try JSONDecoder().decode(Data.self, from: Foundation.Data(contentsOf: folder.appendingPathComponent("data.json")))
  }

  static func cases() throws -> [Case] {
    try JSONDecoder().decode(
      [Case].self, from: Foundation.Data(contentsOf: folder.appendingPathComponent("queries.json")))
  }

  /// INSERT statements for the data set, in one transaction (foreign keys are deferred).
  static func insertScript(_ dialect: SQLDialect) throws -> String {
    var lines = ["BEGIN;"]
    if dialect == .sqlite { lines.append("PRAGMA defer_foreign_keys = ON;") }
    for (object, rows) in try data().objects.sorted(by: { $0.key < $1.key }) {
      for row in rows {
        let keys = row.keys.sorted()
        let values = keys.map { key -> String in
          switch row[key]! {
          case .null: return "NULL"
          case .bool(let flag): return dialect == .sqlite ? (flag ? "1" : "0") : (flag ? "TRUE" : "FALSE")
          case .number(let number): return number == number.rounded() ? String(Int64(number)) : String(number)
          case .string(let text): return dialect.literal(text)
          default: return "NULL"
          }
        }
        lines.append(
          "INSERT INTO \(dialect.quoted(object)) (\(keys.map(dialect.quoted).joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")));"
        )
      }
    }
    lines.append("COMMIT;")
    return lines.joined(separator: "\n")
  }

  /// A database of the dialect with the generated DDL and the data set. A missing engine cancels the
  /// test visibly outside CI, and fails it in CI.
  static func database(_ dialect: SQLDialect) throws -> (any TestDatabase)? {
    try SQLEngines.requireEngine(dialect)
    let database: any TestDatabase = dialect == .sqlite ? try SQLiteDatabase() : try PostgreSQLDatabase()
    try database.execute(SQLSchemaEmitter.ddl(for: model, dialect: dialect))
    try database.execute(QueryEngineDDL.searchDDL(for: model, dialect: dialect))
    try database.execute(insertScript(dialect))
    return database
  }
}

/// A JSON value compared without regard to key order; numbers as doubles.
enum JSONTree: Codable, Hashable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONTree])
  case object([String: JSONTree])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let array = try? container.decode([JSONTree].self) {
      self = .array(array)
    } else {
      self = .object(try container.decode([String: JSONTree].self))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let flag): try container.encode(flag)
    case .number(let number): try container.encode(number)
    case .string(let text): try container.encode(text)
    case .array(let array): try container.encode(array)
    case .object(let object): try container.encode(object)
    }
  }

  static func parse(_ text: String) throws -> JSONTree {
    try JSONDecoder().decode(JSONTree.self, from: Data(text.utf8))
  }

  /// Keys sorted: for sorting records and for readable failures.
  var canonical: String {
    switch self {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number): return "\(number)"
    case .string(let text): return "\"\(text)\""
    case .array(let array): return "[" + array.map(\.canonical).joined(separator: ",") + "]"
    case .object(let object):
      return "{" + object.keys.sorted().map { "\"\($0)\":\(object[$0]!.canonical)" }.joined(separator: ",") + "}"
    }
  }
}

/// Runs plans' statements on a test database: SQLite's shell binds the parameters through
/// `temp.sqlite_parameters`, PostgreSQL through PREPARE and EXECUTE. Only this harness writes
/// values into SQL text, as literals of the engine; the engine's statements never do.
struct TestRowSource: SQLRowSource {
  let database: any TestDatabase

  func literal(_ value: SQLValue) -> String {
    switch value {
    case .null: return "NULL"
    case .integer(let number): return String(number)
    case .real(let number): return String(number)
    case .text(let text): return database.dialect.literal(text)
    case .boolean(let flag): return flag ? "TRUE" : "FALSE"
    }
  }

  func script(_ statement: SQLStatement) -> String {
    switch database.dialect {
    case .sqlite:
      var lines = [".parameter init"]
      for (index, value) in statement.parameters.enumerated() {
        lines.append("INSERT INTO temp.sqlite_parameters(key, value) VALUES ('?\(index + 1)', \(literal(value)));")
      }
      lines.append(".mode json")
      lines.append(statement.sql + ";")
      return lines.joined(separator: "\n")
    case .postgresql:
      let arguments =
        statement.parameters.isEmpty ? "" : "(" + statement.parameters.map(literal).joined(separator: ", ") + ")"
      return """
        PREPARE soql AS \(statement.sql);
        CREATE TEMP TABLE result AS EXECUTE soql\(arguments);
        SELECT coalesce(json_agg(result), '[]'::json) FROM result;
        """
    }
  }

  func rows(_ statement: SQLStatement) async throws -> [[SQLValue]] {
    let output = try database.execute(script(statement)).trimmingCharacters(in: .whitespacesAndNewlines)
    if output.isEmpty { return [] }
    guard case .array(let rows) = try JSONTree.parse(output) else {
      throw EngineError(description: "not rows: \(output)")
    }
    return try rows.map { row in
      guard case .object(let columns) = row else { throw EngineError(description: "not a row: \(row)") }
      func rank(_ key: String) -> Int {
        if key.hasPrefix("c"), let number = Int(key.dropFirst()) { return number }
        return key == "parent_id" ? 1_000_000 : 1_000_001
      }
      return columns.keys.sorted { rank($0) < rank($1) }.map { key in
        switch columns[key]! {
        case .null: return .null
        case .bool(let flag): return .boolean(flag)
        case .number(let number):
          return number == number.rounded() && abs(number) < 1e15 ? .integer(Int64(number)) : .real(number)
        case .string(let text): return .text(text)
        default: return .null
        }
      }
    }
  }
}

import Foundation
import GRDB
import Logging
import NIOCore
import PostgresNIO
import SObjectQuery

/// The query engine's statements run on a store session: values bound in order, each column read
/// as what the engine expects (NULL, integer, double, text or boolean).
struct QueryRowSource: SQLRowSource {
  var session: any StoreSession

  func rows(_ statement: SQLStatement) async throws -> [[SObjectQuery.SQLValue]] {
    switch session {
    case let sqlite as SQLiteSession: return try await Self.rows(statement, on: sqlite)
    case let postgres as PostgresSession:
      return try await Self.rows(statement, on: postgres.connection, logger: postgres.logger)
    default: throw StoreError("the query engine cannot run on \(type(of: session))")
    }
  }

  static func rows(_ statement: SQLStatement, on session: SQLiteSession) async throws -> [[SObjectQuery.SQLValue]] {
    let binds = statement.parameters.map { value -> DatabaseValue in
      switch value {
      case .null: return .null
      case .integer(let number): return number.databaseValue
      case .real(let number): return number.databaseValue
      case .text(let text): return text.databaseValue
      case .boolean(let flag): return (flag ? 1 : 0).databaseValue
      }
    }
    return try await session.rows(statement.sql, binds) { row in
      (0..<row.count).map { index -> SObjectQuery.SQLValue in
        switch (row[index] as DatabaseValue).storage {
        case .null: return .null
        case .int64(let number): return .integer(number)
        case .double(let number): return .real(number)
        case .string(let text): return .text(text)
        case .blob(let bytes): return .text(String(decoding: bytes, as: UTF8.self))
        }
      }
    }
  }

  static func rows(_ statement: SQLStatement, on connection: PostgresConnection, logger: Logger) async throws
    -> [[SObjectQuery.SQLValue]]
  {
    var bindings = PostgresBindings(capacity: statement.parameters.count)
    for value in statement.parameters {
      switch value {
      case .null: bindings.appendNull()
      case .integer(let number): bindings.append(number)
      case .real(let number): bindings.append(number)
      case .text(let text): bindings.append(text)
      case .boolean(let flag): bindings.append(flag)
      }
    }
    let rows = try await connection.query(PostgresQuery(unsafeSQL: statement.sql, binds: bindings), logger: logger)
    var result: [[SObjectQuery.SQLValue]] = []
    for try await row in rows {
      result.append(try row.map(value))
    }
    return result
  }

  static func value(_ cell: PostgresCell) throws -> SObjectQuery.SQLValue {
    guard cell.bytes != nil else { return .null }
    switch cell.dataType {
    case .bool: return .boolean(try cell.decode(Bool.self))
    case .int2: return .integer(Int64(try cell.decode(Int16.self)))
    case .int4: return .integer(Int64(try cell.decode(Int32.self)))
    case .int8: return .integer(try cell.decode(Int64.self))
    case .float4: return .real(Double(try cell.decode(Float.self)))
    case .float8: return .real(try cell.decode(Double.self))
    case .numeric: return .real(NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue)
    default: return .text(try cell.decode(String.self))
    }
  }
}

import Foundation
import Logging
import NIOCore
import PostgresNIO
import SObjectGenCore

/// Records in PostgreSQL through postgres-nio's connection pool: each write one transaction, reads
/// on any pooled connection. `postgres://user:password@host:port/database`, or a Unix socket with
/// libpq's `?host=/path/to/socket/folder`.
public final class PostgresStore: RecordStore {
  public var dialect: SQLDialect { .postgresql }
  private let client: PostgresClient
  private let runner: Task<Void, Never>
  private let logger = Logger(label: "sobjectgen-server.postgres")

  public static func open(url: String) async throws -> PostgresStore {
    guard let components = URLComponents(string: url) else { throw StoreError("not a PostgreSQL URL: \(url)") }
    let username = components.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
    let database = components.path.count > 1 ? String(components.path.dropFirst()) : nil
    let socketFolder = components.queryItems?.first { $0.name == "host" }?.value
    let port = components.port ?? 5432
    let configuration: PostgresClient.Configuration
    if let socketFolder, socketFolder.hasPrefix("/") {
      configuration = .init(
        unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: username, password: components.password,
        database: database)
    } else {
      configuration = .init(
        host: components.host ?? "127.0.0.1", port: port, username: username, password: components.password,
        database: database, tls: .disable)
    }
    let store = PostgresStore(client: PostgresClient(configuration: configuration))
    // Fail now, not on the first request, when the server cannot be reached.
    _ = try await store.read { session in try await session.query("SELECT 1::int8", [], types: [.bigint]) }
    return store
  }

  private init(client: PostgresClient) {
    self.client = client
    runner = Task { await client.run() }
  }

  public func read<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T {
    try await client.withConnection { connection in
      try await body(PostgresSession(connection: connection, logger: self.logger))
    }
  }

  public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreSession) async throws -> T) async throws -> T {
    try await client.withConnection { connection in
      let session = PostgresSession(connection: connection, logger: self.logger)
      try await session.execute("BEGIN", [])
      do {
        let result = try await body(session)
        try await session.execute("COMMIT", [])
        return result
      } catch {
        try? await session.execute("ROLLBACK", [])
        throw error
      }
    }
  }

  public func runScript(_ script: String) async throws {
    // One statement at a time (the extended protocol takes one), all on one connection so that the
    // script's BEGIN … COMMIT holds.
    try await client.withConnection { connection in
      let session = PostgresSession(connection: connection, logger: self.logger)
      do {
        for statement in SQLScript.statements(script) {
          try await session.execute(statement, [])
        }
      } catch {
        try? await session.execute("ROLLBACK", [])
        throw error
      }
    }
  }

  public func close() async throws {
    runner.cancel()
  }
}

struct PostgresSession: StoreSession {
  var connection: PostgresConnection
  var logger: Logger
  var dialect: SQLDialect { .postgresql }

  func bindings(_ values: [SQLValue]) -> PostgresBindings {
    var bindings = PostgresBindings(capacity: values.count)
    for value in values {
      switch value {
      case .null: bindings.appendNull()
      case .bool(let flag): bindings.append(flag)
      case .integer(let number): bindings.append(number)
      case .double(let number): bindings.append(number)
      case .text(let text): bindings.append(text)
      case .dateTime(let date): bindings.append(date)
      case .binary(let bytes): bindings.append(ByteBuffer(bytes: bytes))
      }
    }
    return bindings
  }

  func execute(_ sql: String, _ binds: [SQLValue]) async throws {
    let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings(binds)), logger: logger)
    for try await _ in rows {}
  }

  func query(_ sql: String, _ binds: [SQLValue], types: [SQLColumnType]) async throws -> [[SQLValue]] {
    let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings(binds)), logger: logger)
    var result: [[SQLValue]] = []
    for try await row in rows {
      let cells = row.makeRandomAccess()
      var values: [SQLValue] = []
      for (index, type) in types.enumerated() {
        let cell = cells[index]
        switch type {
        case .boolean: values.append(try cell.decode(Bool?.self).map(SQLValue.bool) ?? .null)
        case .integer, .bigint: values.append(try cell.decode(Int64?.self).map(SQLValue.integer) ?? .null)
        case .decimal: values.append(try cell.decode(Double?.self).map(SQLValue.double) ?? .null)
        case .datetime: values.append(try cell.decode(Date?.self).map(SQLValue.dateTime) ?? .null)
        case .binary:
          values.append(
            try cell.decode(ByteBuffer?.self).map { buffer in
              var buffer = buffer
              return SQLValue.binary(buffer.readBytes(length: buffer.readableBytes) ?? [])
            } ?? .null)
        case .id, .text, .date, .time: values.append(try cell.decode(String?.self).map(SQLValue.text) ?? .null)
        }
      }
      result.append(values)
    }
    return result
  }
}

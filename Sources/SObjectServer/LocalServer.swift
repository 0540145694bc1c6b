import Foundation
import Hummingbird
import Logging
import NIOCore
import SObjectGenCore
import SObjectMetadata

/// How a local server is started.
public struct ServerConfiguration: Sendable {
  public var metadataDirectory: String
  /// A SQLite file path, or a `postgres://` / `postgresql://` URL.
  public var database: String
  public var host: String
  /// 0 picks a free port.
  public var port: Int
  public var token: String
  public var allowDestructive: Bool
  public var maxBodySize: Int
  /// The daily API request limit `Sforce-Limit-Info` reports (a Developer Edition org's by default).
  public var apiRequestLimit: Int

  public init(
    metadataDirectory: String = "Metadata", database: String = "local.db", host: String = "127.0.0.1",
    port: Int = 8080, token: String = LocalServer.makeToken(), allowDestructive: Bool = false,
    maxBodySize: Int = 16 * 1024 * 1024, apiRequestLimit: Int = 15_000
  ) {
    self.metadataDirectory = metadataDirectory
    self.database = database
    self.host = host
    self.port = port
    self.token = token
    self.allowDestructive = allowDestructive
    self.maxBodySize = maxBodySize
    self.apiRequestLimit = apiRequestLimit
  }
}

/// The local Salesforce-compatible server: the metadata loaded, the database made to match it,
/// and a Hummingbird application over the record service.
public struct LocalServer: Sendable {
  public let configuration: ServerConfiguration
  public let service: RecordService
  /// query, queryAll and search.
  public let query: QueryService
  public let outcome: BootstrapOutcome
  private let boundPort = PortBox()

  /// The user every call acts as: `005` (the User key prefix) and an ID derived from a fixed name.
  public static func integrationUserID(_ model: MetadataModel) -> String {
    SalesforceID.derived(
      prefix: model[objectNamed: "User"]?.keyPrefix ?? "005", from: "sobjectgen-server integration user")
  }

  /// A random 40-character token.
  public static func makeToken() -> String {
    let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    var generator = SystemRandomNumberGenerator()
    return "00D!" + String((0..<40).map { _ in alphabet[Int(generator.next(upperBound: UInt64(62)))] })
  }

  public static func openStore(_ database: String) async throws -> any RecordStore {
    if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
      return try await PostgresStore.open(url: database)
    }
    return try await SQLiteStore.open(path: database)
  }

  /// Loads the metadata, opens the database and brings it up to date.
  public static func prepare(_ configuration: ServerConfiguration) async throws -> LocalServer {
    let files = try Bootstrap.readFiles(directory: configuration.metadataDirectory)
    let model = try MetadataLoader.load(directory: configuration.metadataDirectory)
    let store = try await openStore(configuration.database)
    let userID = integrationUserID(model)
    let outcome: BootstrapOutcome
    do {
      outcome = try await Bootstrap.prepare(
        store: store, model: model, files: files, userID: userID, allowDestructive: configuration.allowDestructive)
    } catch {
      try? await store.close()
      throw error
    }
    let service = RecordService(model: ServerModel(model: model), store: store, userID: userID)
    let query = QueryService(model: model, store: store)
    return LocalServer(configuration: configuration, service: service, query: query, outcome: outcome)
  }

  /// The port the server listens on, once it runs.
  public var port: Int? { boundPort.value }

  public func router() -> Router<BasicRequestContext> {
    let routes = ServerRoutes(
      service: service, token: configuration.token, maxBodySize: configuration.maxBodySize,
      instanceURL: { [boundPort, configuration] in
        "http://\(configuration.host):\(boundPort.value ?? configuration.port)"
      })
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: APIUsageMiddleware(limit: configuration.apiRequestLimit))
    router.add(middleware: SalesforceErrorMiddleware())
    router.add(middleware: BearerTokenMiddleware(token: configuration.token))
    router.addRoutes(routes.versions(), atPath: "/services/data")
    router.addRoutes(routes.sobjects(), atPath: "/services/data/:version/sobjects")
    router.addRoutes(routes.composite(), atPath: "/services/data/:version/composite/sobjects")
    let queries = QueryRoutes(service: query, model: service.model)
    router.addRoutes(queries.query(all: false), atPath: "/services/data/:version/query")
    router.addRoutes(queries.query(all: true), atPath: "/services/data/:version/queryAll")
    router.addRoutes(queries.search(), atPath: "/services/data/:version/search")
    router.addRoutes(routes.oauth(), atPath: "/services/oauth2/token")
    router.addRoutes(routes.apexUndelete(), atPath: "/services/apexrest/sobjects/undelete")
    return router
  }

  public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    var logger = Logger(label: "sobjectgen-server")
    logger.logLevel = .warning
    return Application(
      responder: HeadRequestResponder(inner: router().buildResponder()),
      configuration: .init(
        address: .hostname(configuration.host, port: configuration.port), serverName: "sobjectgen-server"),
      onServerRunning: { [boundPort] channel in
        let port = channel.localAddress?.port ?? 0
        boundPort.set(port)
        await onRunning(port)
      },
      logger: logger)
  }
}

final class PortBox: @unchecked Sendable {
  private let lock = NSLock()
  private var port: Int?
  var value: Int? {
    lock.lock()
    defer { lock.unlock() }
    return port
  }
  func set(_ port: Int) {
    lock.lock()
    self.port = port
    lock.unlock()
  }
}

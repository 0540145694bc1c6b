import Foundation
import SObjectGenCore
import SObjectMetadata
import SObjectQuery

/// query, queryAll, the pages after the first, and search: SOQL and SOSL text → the query engine's
/// plan → the store → Salesforce's JSON. HTTP-free, like `RecordService`.
public final class QueryService: Sendable {
  public let engine: SOQLEngine
  public let store: any RecordStore
  let clock: @Sendable () -> Date
  let locators: QueryLocatorStore

  /// Records per page: 2,000 unless `Sforce-Query-Options: batchSize=N` asks for 200 to 2,000.
  public static let defaultBatchSize = 2000
  public static let batchSizes = 200...2000

  public init(
    model: MetadataModel, store: any RecordStore, clock: @escaping @Sendable () -> Date = { Date() },
    openCursors: Int = 10_000
  ) {
    engine = SOQLEngine(model: model)
    self.store = store
    self.clock = clock
    locators = QueryLocatorStore(capacity: openCursors)
  }

  /// The batch size of a `Sforce-Query-Options` header (`batchSize=500`), brought into 200…2,000 as
  /// Salesforce does; 2,000 without one.
  public static func batchSize(queryOptions: String?) -> Int {
    guard let queryOptions else { return defaultBatchSize }
    for option in queryOptions.split(separator: ",") {
      let pair = option.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      if pair.count == 2, pair[0].lowercased() == "batchsize", let size = Int(pair[1]) {
        return min(max(size, batchSizes.lowerBound), batchSizes.upperBound)
      }
    }
    return defaultBatchSize
  }

  /// `GET …/query?q=` (`queryAll`: `GET …/queryAll?q=`, deleted records included): the first page.
  public func query(_ text: String?, version: APIVersion, queryAll: Bool, batchSize: Int) async throws
    -> CoreResponse
  {
    guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw APIError(status: 400, APIProblem("MALFORMED_QUERY", "A query string has to be specified"))
    }
    let plan = try refusingQueryErrors {
      try engine.plan(
        text, apiVersion: version, dialect: store.dialect, queryAll: queryAll, clock: QueryClock(now: clock))
    }
    let result = try await run(plan, start: 0, batchSize: batchSize, knownTotal: nil)
    var next: String?
    if let start = result.nextStart {
      let id = await locators.open(
        QueryLocatorStore.Cursor(plan: plan, totalSize: result.totalSize, batchSize: batchSize, lastUsed: clock()))
      next = Self.nextRecordsURL(version: version, queryAll: queryAll, id: id, start: start)
    }
    return .json(200, result.json(nextRecordsUrl: next))
  }

  /// `GET …/query/<locator>` (or `…/queryAll/<locator>`): the page a `nextRecordsUrl` names.
  public func page(locator: String, version: APIVersion, queryAll: Bool) async throws -> CoreResponse {
    guard let found = await locators.cursor(for: locator, now: clock()) else {
      throw Self.apiError(QueryError.invalidQueryLocator())
    }
    let cursor = found.cursor
    let result = try await run(
      cursor.plan, start: found.start, batchSize: cursor.batchSize, knownTotal: cursor.totalSize)
    let next = result.nextStart.map {
      Self.nextRecordsURL(version: version, queryAll: queryAll, id: found.id, start: $0)
    }
    return .json(200, result.json(nextRecordsUrl: next))
  }

  /// `GET …/search?q=` with SOSL: `{"searchRecords": […]}`.
  public func search(_ text: String?, version: APIVersion) async throws -> CoreResponse {
    guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw APIError(
        status: 400, APIProblem("MALFORMED_SEARCH", "No search term found. The search term must be enclosed in braces.")
      )
    }
    let plan = try refusingQueryErrors {
      try engine.search(text, apiVersion: version, dialect: store.dialect, clock: QueryClock(now: clock))
    }
    let body = try await refusingQueryErrorsAsync {
      try await store.read { session in try await plan.run(on: QueryRowSource(session: session)) }
    }
    return .json(200, body)
  }

  func run(_ plan: QueryPlan, start: Int, batchSize: Int, knownTotal: Int?) async throws -> QueryResult {
    try await refusingQueryErrorsAsync {
      try await store.read { session in
        try await plan.run(
          on: QueryRowSource(session: session), start: start, batchSize: batchSize, knownTotal: knownTotal)
      }
    }
  }

  static func nextRecordsURL(version: APIVersion, queryAll: Bool, id: String, start: Int) -> String {
    "/services/data/v\(version)/\(queryAll ? "queryAll" : "query")/\(id)-\(start)"
  }

  /// A refusal of the engine, as the REST API answers it: 400 with the code and the message.
  static func apiError(_ error: QueryError) -> APIError {
    APIError(status: 400, APIProblem(error.errorCode, error.message))
  }

  private func refusingQueryErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as QueryError { throw Self.apiError(error) }
  }

  private func refusingQueryErrorsAsync<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let error as QueryError { throw Self.apiError(error) }
  }
}

import SObjectGenCore
import SObjectMetadata

/// The SOQL engine's entry point: query text → a plan of parameterised SQL for a dialect.
///
/// ```swift
/// let engine = SOQLEngine(model: model)
/// let plan = try engine.plan("SELECT Id, Owner.Name FROM Interaction", apiVersion: APIVersion(62), dialect: .sqlite)
/// let result = try await plan.run(on: database, start: 0, batchSize: 2000)
/// response = result.json(nextRecordsUrl: …)
/// ```
public struct SOQLEngine: Sendable {
  public let model: MetadataModel
  public var limits: QueryLimits

  public init(model: MetadataModel, limits: QueryLimits = QueryLimits()) {
    self.model = model
    self.limits = limits
  }

  /// Stage 1: the syntax tree (MALFORMED_QUERY with a position when the text cannot be read).
  public func parse(_ text: String) throws -> SOQLSyntax {
    try SOQLParser.parse(text, limits: limits)
  }

  /// Stages 1–2: the query resolved against the model at `apiVersion`.
  public func resolve(
    _ text: String, apiVersion: APIVersion, queryAll: Bool = false, clock: QueryClock = QueryClock()
  ) throws -> TypedQuery {
    let syntax = try parse(text)
    let context = QueryContext(model: model, apiVersion: apiVersion, includesDeleted: queryAll, clock: clock)
    return try QueryResolver.resolve(syntax, context: context, text: text)
  }

  /// Stages 1–3: the plan for `dialect`.
  public func plan(
    _ text: String, apiVersion: APIVersion, dialect: SQLDialect, queryAll: Bool = false,
    clock: QueryClock = QueryClock()
  ) throws -> QueryPlan {
    let typed = try resolve(text, apiVersion: apiVersion, queryAll: queryAll, clock: clock)
    return QueryPlan(query: typed, dialect: dialect, apiVersion: apiVersion, model: model)
  }
}

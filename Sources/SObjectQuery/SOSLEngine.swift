import SObjectGenCore
import SObjectMetadata

/// A SOSL search compiled for a dialect: a query plan per returned object, each with the search
/// condition added; the answer is `{"searchRecords": […]}`.
public struct SearchPlan: Sendable {
  public let parts: [QueryPlan]
  /// The most records in all (SOSL's LIMIT; 2,000 when none is given).
  public let limit: Int

  public func run(on source: some SQLRowSource) async throws -> JSONValue {
    var records: [JSONValue] = []
    for part in parts where records.count < limit {
      let result = try await part.run(on: source)
      records += result.records.prefix(limit - records.count)
    }
    return .object([("searchRecords", .array(records))])
  }
}

extension SOQLEngine {
  /// SOSL: `FIND {term} [IN … FIELDS] [RETURNING Obj(fields WHERE … ORDER BY … LIMIT n), …] [LIMIT n]`.
  /// Objects that do not support `search` are refused; without RETURNING, every searchable object.
  public func search(
    _ text: String, apiVersion: APIVersion, dialect: SQLDialect, clock: QueryClock = QueryClock()
  ) throws -> SearchPlan {
    let syntax = try SOQLParser.parseSearch(text, limits: limits)
    do {
      let terms = try SOQLParser.searchTerms(syntax.term, at: syntax.termOffset)
      let context = QueryContext(model: model, apiVersion: apiVersion, includesDeleted: false, clock: clock)
      var returning = syntax.returning.map(\.query)
      if returning.isEmpty {
        returning = model.objects.filter { $0.supports(.search) && $0.isAvailable(in: apiVersion) }.map { object in
          let name = Name(text: object.name, offset: syntax.termOffset)
          return SOQLSyntax(
            select: [.field(FieldPath(parts: [Name(text: "Id", offset: 0)]), alias: nil)], from: name, fromAlias: nil,
            whereClause: nil, groupBy: [], having: nil, orderBy: [], limit: nil, limitOffset: nil, offset: nil,
            offsetOffset: nil, position: syntax.termOffset)
        }
      }
      var parts: [QueryPlan] = []
      for query in returning {
        guard let object = context.object(named: query.from.text) else {
          throw QueryError.invalidType(query.from.text, at: query.from.offset)
        }
        guard object.supports(.search) else {
          throw QueryError(
            "INVALID_TYPE_FOR_OPERATION", "entity type \(object.name) does not support search",
            offset: query.from.offset)
        }
        var resolver = QueryResolver(context: context)
        var typed = try resolver.query(query, isSubquery: false)
        let match = TypedCondition.search(
          SearchMatch(
            object: object, fields: SearchDocument.fields(of: object, group: syntax.group, version: apiVersion),
            terms: terms))
        typed.filter = typed.filter.map { .and([match, $0]) } ?? match
        parts.append(QueryPlan(query: typed, dialect: dialect, apiVersion: apiVersion, model: model))
      }
      return SearchPlan(parts: parts, limit: syntax.limit ?? 2000)
    } catch let error as QueryError {
      throw error.located(in: text)
    }
  }
}

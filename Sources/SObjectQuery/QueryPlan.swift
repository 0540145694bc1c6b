import SObjectGenCore
import SObjectMetadata

/// A query compiled for one dialect: the statements to run and how their rows become Salesforce's
/// JSON. Paging: `countStatement` gives `totalSize`, `pageStatement(start:count:)` a batch
/// (nextRecordsUrl can hold the query text, the version and the next start); `childStatement`
/// reads a child subquery's records for a page of parents.
public struct QueryPlan: Sendable {
  public let query: TypedQuery
  public let dialect: SQLDialect
  public let apiVersion: APIVersion
  /// Key prefix → object name, to type polymorphic parents.
  let objectsByPrefix: [String: String]

  init(query: TypedQuery, dialect: SQLDialect, apiVersion: APIVersion, model: MetadataModel) {
    self.query = query
    self.dialect = dialect
    self.apiVersion = apiVersion
    var prefixes: [String: String] = [:]
    for object in model.objects {
      if let prefix = object.keyPrefix { prefixes[prefix] = object.name }
    }
    objectsByPrefix = prefixes
  }

  /// Every row the query asks for (its own LIMIT and OFFSET applied).
  public func statement() -> SQLStatement {
    if query.isCountOnly { return countStatement() }
    var compiler = QueryCompiler(dialect: dialect)
    let sql = compiler.select(query, limit: query.limit, offset: query.offset)
    return SQLStatement(sql: sql, parameters: compiler.writer.parameters)
  }

  /// Rows `start ..< start + count` of the result (within the query's own LIMIT and OFFSET).
  public func pageStatement(start: Int, count: Int) -> SQLStatement {
    var limit = count
    if let own = query.limit { limit = max(0, min(count, own - start)) }
    var compiler = QueryCompiler(dialect: dialect)
    let sql = compiler.select(query, limit: limit, offset: (query.offset ?? 0) + start)
    return SQLStatement(sql: sql, parameters: compiler.writer.parameters)
  }

  /// One row, one column: the number of records (or groups) the query returns: `totalSize`.
  public func countStatement() -> SQLStatement {
    var compiler = QueryCompiler(dialect: dialect)
    var counted = query
    counted.orderBy = []
    counted.children = []
    if !query.isAggregate { counted.columns = [query.columns.first ?? .aggregate(.count, nil)] }
    if query.isCountOnly { counted.columns = [.field([ColumnReference(join: 0, field: query.object.systemFields[0])])] }
    let inner = compiler.select(counted, limit: query.limit, offset: query.offset)
    return SQLStatement(sql: "SELECT COUNT(*) AS c0 FROM (\(inner)) AS counted", parameters: compiler.writer.parameters)
  }

  /// The records of child subquery `index` for the given parents: the child's columns, then the
  /// parent's Id; at most the subquery's LIMIT per parent, in its ORDER BY.
  public func childStatement(_ index: Int, parentIds: [String]) -> SQLStatement {
    let child = query.children[index]
    var compiler = QueryCompiler(dialect: dialect)
    var inner = child.query
    let order = inner.orderBy
    inner.orderBy = []
    let limit = inner.limit
    let offset = inner.offset ?? 0
    inner.limit = nil
    inner.offset = nil
    var select = compiler.select(inner, limit: nil, offset: nil) { compiler in
      let fk = "\(compiler.aliases[0]).\(compiler.writer.q(child.field.name))"
      let ids = parentIds.map { compiler.writer.bind(.text($0), .id) }
      return ids.isEmpty ? "FALSE" : "\(fk) IN (\(ids.joined(separator: ", ")))"
    }
    // The parent's Id and the row's place among its siblings, before FROM.
    let fromRange = select.range(of: " FROM ")!
    let fk = "\(compiler.aliases[0]).\(compiler.writer.q(child.field.name))"
    let orderTerms = (order.map { compiler.orderTerm($0) } + ["\(compiler.aliases[0]).\(compiler.writer.q("Id")) ASC"])
      .joined(separator: ", ")
    select.insert(
      contentsOf: ", \(fk) AS parent_id, ROW_NUMBER() OVER (PARTITION BY \(fk) ORDER BY \(orderTerms)) AS row_number",
      at: fromRange.lowerBound)
    var sql =
      "SELECT * FROM (\(select)) AS children WHERE row_number > \(compiler.writer.bind(.integer(Int64(offset)), .integer))"
    if let limit { sql += " AND row_number <= \(compiler.writer.bind(.integer(Int64(offset + limit)), .integer))" }
    sql += " ORDER BY parent_id, row_number"
    return SQLStatement(sql: sql, parameters: compiler.writer.parameters)
  }
}

/// Where a plan's statements run: the server's database connection (GRDB,
/// postgres-nio), or the tests' engines. Each row holds the statement's columns in order.
public protocol SQLRowSource {
  func rows(_ statement: SQLStatement) async throws -> [[SQLValue]]
}

/// A query's answer: `{totalSize, done, records}` (and `nextRecordsUrl` when not done).
public struct QueryResult: Sendable {
  public var totalSize: Int
  public var done: Bool
  public var records: [JSONValue]
  /// The `start` of the next page, when there is one.
  public var nextStart: Int?

  /// The REST body; `nextRecordsUrl` is the server's to make (it owns the locator).
  public func json(nextRecordsUrl: String? = nil) -> JSONValue {
    var pairs: [(String, JSONValue)] = [("totalSize", .int(totalSize)), ("done", .bool(done))]
    if let nextRecordsUrl { pairs.append(("nextRecordsUrl", .string(nextRecordsUrl))) }
    pairs.append(("records", .array(records)))
    return .object(pairs)
  }
}

extension QueryPlan {
  /// Runs the plan: all of it, or one page of `batchSize` records from `start`.
  /// `knownTotal`: the totalSize a first page already counted, so that later pages skip the count.
  public func run(
    on source: some SQLRowSource, start: Int = 0, batchSize: Int? = nil, knownTotal: Int? = nil
  ) async throws -> QueryResult {
    if query.isCountOnly {
      let count = try await source.rows(countStatement()).first?.first.flatMap(QueryPlan.integer) ?? 0
      return QueryResult(totalSize: count, done: true, records: [], nextStart: nil)
    }
    let rows: [[SQLValue]]
    let total: Int
    if let batchSize {
      if let knownTotal {
        total = knownTotal
      } else {
        total = try await source.rows(countStatement()).first?.first.flatMap(QueryPlan.integer) ?? 0
      }
      rows = try await source.rows(pageStatement(start: start, count: batchSize))
    } else {
      rows = try await source.rows(statement())
      total = rows.count
    }
    var childRows: [[String: [[SQLValue]]]] = []
    if !query.children.isEmpty, let idColumn = query.shape.idColumn {
      let ids = rows.compactMap { row -> String? in
        if case .text(let id) = row[idColumn] { return id }
        return nil
      }
      for index in query.children.indices {
        var byParent: [String: [[SQLValue]]] = [:]
        if !ids.isEmpty {
          let width = query.children[index].query.columns.count
          for row in try await source.rows(childStatement(index, parentIds: ids)) {
            if case .text(let parent) = row[width] { byParent[parent, default: []].append(row) }
          }
        }
        childRows.append(byParent)
      }
    }
    let records = rows.map { record($0, childRows: childRows) }
    let end = start + rows.count
    let done = batchSize == nil || end >= total
    return QueryResult(totalSize: total, done: done, records: records, nextStart: done ? nil : end)
  }
}

import SObjectQuery
import Testing

/// Stage 1 on its own: text → syntax tree, positions kept.
struct ParserTests {
  func parse(_ text: String) throws -> SOQLSyntax { try SOQLParser.parse(text) }

  @Test func keywordsAndNamesKeepTheirOffsets() throws {
    let query = try parse(
      "select Id, owner.Name from Interaction where Name = 'x' order by Name desc nulls last limit 5 offset 2")
    #expect(query.from == Name(text: "Interaction", offset: 27))
    #expect(query.select.count == 2)
    guard case .field(let path, nil) = query.select[1] else {
      Issue.record("\(query.select)")
      return
    }
    #expect(path.parts.map(\.text) == ["owner", "Name"])
    #expect(path.parts[1].offset == 17)
    #expect(query.limit == 5 && query.offset == 2)
    #expect(query.orderBy.first?.ascending == false && query.orderBy.first?.nullsFirst == false)
    guard case .comparison(_, .equal, let value, let operatorOffset)? = query.whereClause else {
      Issue.record("\(String(describing: query.whereClause))")
      return
    }
    #expect(operatorOffset == 50)
    #expect(value == LiteralValue(kind: .string("x"), offset: 52))
  }

  @Test func stringEscapes() throws {
    let query = try parse(#"SELECT Id FROM A WHERE N = 'a\'b\"c\\d\ne\%f\_g\u00e9'"#)
    guard case .comparison(_, _, let value, _)? = query.whereClause else {
      Issue.record("no condition")
      return
    }
    #expect(value.kind == .string("a'b\"c\\\\d\ne\\%f\\_gé"))
  }

  @Test func literals() throws {
    let query = try parse(
      "SELECT Id FROM A WHERE A = null AND B = TRUE AND C = false AND D = -1.5e3 AND E = 2024-05-01 AND F = 2024-05-01T09:30:00.000+0200 AND G = LAST_N_DAYS:30 AND H = today"
    )
    guard case .and(let terms)? = query.whereClause else {
      Issue.record("no AND")
      return
    }
    let kinds = terms.compactMap { term -> LiteralValue.Kind? in
      if case .comparison(_, _, let value, _) = term { return value.kind }
      return nil
    }
    #expect(
      kinds == [
        .null, .boolean(true), .boolean(false), .number("-1.5e3"), .date("2024-05-01"),
        .dateTime("2024-05-01T09:30:00.000+0200"), .dateLiteral("LAST_N_DAYS", 30), .dateLiteral("TODAY", nil),
      ])
  }

  @Test func andOrNotAndParentheses() throws {
    let query = try parse("SELECT Id FROM A WHERE NOT (A = 1 OR B = 2) AND C IN (1, 2) AND D NOT IN (SELECT Id FROM B)")
    guard case .and(let terms)? = query.whereClause, terms.count == 3 else {
      Issue.record("not 3 terms")
      return
    }
    guard case .not(.or(let inner)) = terms[0] else {
      Issue.record("\(terms[0])")
      return
    }
    #expect(inner.count == 2)
    guard case .inSubquery(_, true, let subquery, _) = terms[2] else {
      Issue.record("\(terms[2])")
      return
    }
    #expect(subquery.from.text == "B")
  }

  @Test func aggregatesAliasesGroupByHaving() throws {
    let query = try parse("SELECT Status s, COUNT(Id) n, COUNT() FROM A GROUP BY Status HAVING COUNT(Id) > 1")
    guard case .aggregate(let call, let alias) = query.select[1] else {
      Issue.record("\(query.select)")
      return
    }
    #expect(call.function == .count && alias?.text == "n")
    guard case .aggregate(let countAll, nil) = query.select[2] else {
      Issue.record("\(query.select)")
      return
    }
    #expect(countAll.argument == nil)
    #expect(query.groupBy.count == 1)
    #expect(query.having != nil)
  }

  @Test func typeOfSubqueryAndFields() throws {
    let query = try parse(
      "SELECT FIELDS(standard), TYPEOF What WHEN Account THEN Id, Name WHEN Lead THEN Id ELSE Id END, (SELECT Id FROM Contacts LIMIT 3) FROM Task LIMIT 200"
    )
    guard case .fields(let kind) = query.select[0] else {
      Issue.record("\(query.select)")
      return
    }
    #expect(kind.text == "standard")
    guard case .typeOf(let clause) = query.select[1] else {
      Issue.record("\(query.select)")
      return
    }
    #expect(clause.whens.map(\.object.text) == ["Account", "Lead"])
    #expect(clause.whens[0].fields.map(\.text) == ["Id", "Name"])
    #expect(clause.elseFields.map(\.text) == ["Id"])
    guard case .subquery(let subquery) = query.select[2] else {
      Issue.record("\(query.select)")
      return
    }
    #expect(subquery.limit == 3 && subquery.from.text == "Contacts")
  }

  @Test func errorsArePlacedOnTheirToken() throws {
    #expect(throws: QueryError.self) { try parse("SELECT Id FROM A WHERE A = 1 AND B = 2 OR C = 3") }
    do {
      _ = try parse("SELECT Id\nFROM A\nWHERE A == 1")
    } catch let error as QueryError {
      #expect(error.errorCode == "MALFORMED_QUERY")
      #expect(error.row == 3 && error.column == 10)
    }
  }
}

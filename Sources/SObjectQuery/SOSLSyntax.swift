/// A SOSL search as written: `FIND {term} IN NAME FIELDS RETURNING Obj(Id, Name WHERE … ORDER BY … LIMIT n), … LIMIT n`.
public struct SOSLSyntax: Sendable, Hashable {
  public enum FieldGroup: String, Sendable, CaseIterable {
    case all = "ALL"
    case name = "NAME"
    case email = "EMAIL"
    case phone = "PHONE"
  }

  public struct Returning: Sendable, Hashable {
    /// The object, its fields (Id when none), and its own WHERE, ORDER BY and LIMIT, as a SOQL query.
    public var query: SOQLSyntax
  }

  /// The search term as written between the braces.
  public var term: String
  public var termOffset: Int
  public var group: FieldGroup
  public var returning: [Returning]
  public var limit: Int?
}

/// One unit of a search term: a word (with `*` and `?` wildcards) or a quoted phrase of words.
public struct SearchTerm: Sendable, Hashable {
  public var words: [String]
  public var isPhrase: Bool
}

extension SOQLParser {
  /// Parses a SOSL search. The term's own syntax (words, "phrases", `*`, `?`) is read by `searchTerms`.
  public static func parseSearch(_ text: String, limits: QueryLimits = QueryLimits()) throws -> SOSLSyntax {
    do {
      var parser = SOQLParser(tokens: try Lexer.tokens(text, limits: limits, allowBraces: true), limits: limits)
      let search = try parser.search()
      guard parser.current.kind == .end else { throw parser.unexpected() }
      return search
    } catch let error as QueryError {
      throw error.located(in: text)
    }
  }

  mutating func search() throws -> SOSLSyntax {
    _ = try expectKeyword("FIND")
    guard case .braced(let term) = current.kind else { throw unexpected() }
    let termOffset = advance().offset
    var search = SOSLSyntax(term: term, termOffset: termOffset, group: .all, returning: [], limit: nil)
    if isKeyword("IN") {
      _ = advance()
      guard let word = current.keyword, let group = SOSLSyntax.FieldGroup(rawValue: word) else { throw unexpected() }
      search.group = group
      _ = advance()
      _ = try expectKeyword("FIELDS")
    }
    if isKeyword("RETURNING") {
      _ = advance()
      repeat {
        let object = try name()
        var query = SOQLSyntax(
          select: [], from: object, fromAlias: nil, whereClause: nil, groupBy: [], having: nil, orderBy: [],
          limit: nil, limitOffset: nil, offset: nil, offsetOffset: nil, position: object.offset)
        if isSymbol("(") {
          _ = advance()
          repeat {
            query.select.append(.field(try fieldPath(), alias: nil))
          } while isSymbol(",") && advance().offset >= 0
          if isKeyword("WHERE") {
            _ = advance()
            query.whereClause = try condition()
          }
          if isKeyword("ORDER") {
            query.orderBy = try orderBy()
          }
          if isKeyword("LIMIT") {
            _ = advance()
            query.limitOffset = current.offset
            query.limit = try wholeNumber()
          }
          _ = try expectSymbol(")")
        }
        if query.select.isEmpty {
          query.select = [.field(FieldPath(parts: [Name(text: "Id", offset: object.offset)]), alias: nil)]
        }
        search.returning.append(.init(query: query))
      } while isSymbol(",") && advance().offset >= 0
    }
    if isKeyword("LIMIT") {
      _ = advance()
      search.limit = try wholeNumber()
    }
    return search
  }

  /// The units of a search term: words and "quoted phrases" joined by AND (also implied between
  /// units), in groups joined by OR: `[[a, b], [c]]` is `a AND b OR c`. AND NOT is not supported.
  static func searchTerms(_ term: String, at offset: Int) throws -> [[SearchTerm]] {
    var groups: [[SearchTerm]] = [[]]
    var scalars = Array(term.unicodeScalars)[...]
    func words(_ text: String) -> [String] {
      text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "*" || $0 == "?") }).map(String.init)
    }
    while let first = scalars.first {
      if first == "\"" {
        scalars = scalars.dropFirst()
        guard let end = scalars.firstIndex(of: "\"") else {
          throw QueryError.malformed("Unmatched quote in the search term", at: offset)
        }
        var phrase = ""
        phrase.unicodeScalars.append(contentsOf: scalars[..<end])
        let parts = words(phrase)
        if !parts.isEmpty { groups[groups.count - 1].append(SearchTerm(words: parts, isPhrase: true)) }
        scalars = scalars[(end + 1)...]
      } else if first == " " || first == "\t" || first == "\n" {
        scalars = scalars.dropFirst()
      } else {
        let end = scalars.firstIndex { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\"" } ?? scalars.endIndex
        var word = ""
        word.unicodeScalars.append(contentsOf: scalars[..<end])
        scalars = scalars[end...]
        switch word.uppercased() {
        case "AND": continue
        case "OR":
          groups.append([])
          continue
        case "NOT":
          throw QueryError("MALFORMED_SEARCH", "AND NOT is not supported in search terms", offset: offset)
        default: break
        }
        let parts = words(word.replacingOccurrences(of: "\\", with: ""))
        if parts.count == 1 {
          groups[groups.count - 1].append(SearchTerm(words: parts, isPhrase: false))
        } else if parts.count > 1 {
          groups[groups.count - 1].append(SearchTerm(words: parts, isPhrase: true))
        }
      }
    }
    groups = groups.filter { !$0.isEmpty }
    let longEnough = groups.allSatisfy { group in
      group.contains { $0.words.contains { $0.filter { $0 != "*" && $0 != "?" }.count >= 2 } }
    }
    guard !groups.isEmpty, longEnough else {
      throw QueryError(
        "MALFORMED_SEARCH", "search term must be longer than one character: \(term)", offset: offset)
    }
    return groups
  }
}

/// A token of SOQL or SOSL text, with the offset (in Unicode scalars from 0) where it starts.
struct Token: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    /// A name or keyword, as written (`SELECT`, `Owner`, `Name__c`); keywords are matched without case.
    case word(String)
    /// A quoted string, SOQL escapes already applied.
    case string(String)
    /// A number as written (`12`, `-3.5`, `1e3`).
    case number(String)
    /// A date (`2024-05-01`) or datetime (`2024-05-01T09:30:00Z`, `…+02:00`) literal, as written.
    case dateTime(String)
    /// `(`, `)`, `,`, `.`, `:`, `=`, `!=`, `<>`, `<`, `<=`, `>`, `>=`.
    case symbol(String)
    /// SOSL's `{…}` search term, braces removed.
    case braced(String)
    case end
  }

  var kind: Kind
  var offset: Int

  /// The word in upper case, for keyword comparison; nil for other tokens.
  var keyword: String? {
    if case .word(let word) = kind { return word.uppercased() }
    return nil
  }

  var display: String {
    switch kind {
    case .word(let text), .number(let text), .dateTime(let text), .symbol(let text): return text
    case .string(let text): return "'\(text)'"
    case .braced(let text): return "{\(text)}"
    case .end: return "<EOF>"
    }
  }
}

/// Limits that keep hostile text from costing unbounded time or memory.
public struct QueryLimits: Sendable {
  /// The longest query text accepted, in UTF-8 bytes (Salesforce's SOQL limit is 100,000 characters).
  public var maximumLength = 100_000
  /// The most tokens a query may have.
  public var maximumTokens = 20_000
  /// The deepest nesting of parentheses and subqueries.
  public var maximumDepth = 64
  /// The most terms a WHERE clause may have (comparisons joined by AND/OR).
  public var maximumConditions = 2_000
  public init() {}
}

/// Splits SOQL or SOSL text into tokens. Comments do not exist in SOQL: `--` and `/*` are errors,
/// as the text is otherwise read as Salesforce reads it.
struct Lexer {
  let scalars: [Unicode.Scalar]
  var index = 0

  init(_ text: String) { scalars = Array(text.unicodeScalars) }

  static func tokens(_ text: String, limits: QueryLimits, allowBraces: Bool = false) throws -> [Token] {
    guard text.utf8.count <= limits.maximumLength else {
      throw QueryError.malformed(
        "Query is too long: \(text.utf8.count) bytes; at most \(limits.maximumLength) are accepted", at: nil)
    }
    var lexer = Lexer(text)
    var tokens: [Token] = []
    while true {
      let token = try lexer.next(allowBraces: allowBraces)
      tokens.append(token)
      if token.kind == .end { return tokens }
      if tokens.count > limits.maximumTokens {
        throw QueryError.malformed("Query has too many tokens (more than \(limits.maximumTokens))", at: token.offset)
      }
    }
  }

  private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
    index + ahead < scalars.count ? scalars[index + ahead] : nil
  }

  private static func isWordStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
  }
  private static func isWordPart(_ c: Unicode.Scalar) -> Bool { isWordStart(c) || isDigit(c) }
  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

  mutating func next(allowBraces: Bool) throws -> Token {
    while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" { index += 1 }
    let start = index
    guard let c = peek() else { return Token(kind: .end, offset: start) }
    if Lexer.isWordStart(c) {
      while let d = peek(), Lexer.isWordPart(d) { index += 1 }
      return Token(kind: .word(text(start, index)), offset: start)
    }
    if Lexer.isDigit(c) || ((c == "-" || c == "+") && peek(1).map(Lexer.isDigit) == true)
      || (c == "." && peek(1).map(Lexer.isDigit) == true)
    {
      return try number(start)
    }
    if c == "'" { return try string(start) }
    if c == "{" && allowBraces {
      index += 1
      var term = ""
      while let d = peek(), d != "}" {
        if d == "\\", let e = peek(1) {
          term.unicodeScalars.append(d)
          term.unicodeScalars.append(e)
          index += 2
          continue
        }
        term.unicodeScalars.append(d)
        index += 1
      }
      guard peek() == "}" else { throw QueryError.malformed("Missing '}' after the search term", at: start) }
      index += 1
      return Token(kind: .braced(term), offset: start)
    }
    let two = peek(1).map { String(c) + String($0) }
    if let two, ["!=", "<>", "<=", ">="].contains(two) {
      index += 2
      return Token(kind: .symbol(two), offset: start)
    }
    if "(),.:=<>".unicodeScalars.contains(c) {
      index += 1
      return Token(kind: .symbol(String(c)), offset: start)
    }
    throw QueryError.malformed("unexpected token: '\(String(c))'", at: start)
  }

  private func text(_ from: Int, _ to: Int) -> String {
    var result = ""
    result.unicodeScalars.append(contentsOf: scalars[from..<to])
    return result
  }

  /// A number, or a date / datetime literal (`2024-05-01`, `2024-05-01T09:30:00.000+0000`).
  private mutating func number(_ start: Int) throws -> Token {
    // A date: four digits then '-'.
    if (0..<4).allSatisfy({ peek($0).map(Lexer.isDigit) == true }), peek(4) == "-" {
      while let d = peek(),
        Lexer.isDigit(d) || d == "-" || d == ":" || d == "." || d == "T" || d == "Z" || d == "+"
      {
        index += 1
      }
      return Token(kind: .dateTime(text(start, index)), offset: start)
    }
    if peek() == "-" || peek() == "+" { index += 1 }
    while let d = peek(), Lexer.isDigit(d) { index += 1 }
    if peek() == ".", peek(1).map(Lexer.isDigit) == true {
      index += 1
      while let d = peek(), Lexer.isDigit(d) { index += 1 }
    }
    if let e = peek(), e == "e" || e == "E" {
      let save = index
      index += 1
      if peek() == "-" || peek() == "+" { index += 1 }
      if peek().map(Lexer.isDigit) == true {
        while let d = peek(), Lexer.isDigit(d) { index += 1 }
      } else {
        index = save
      }
    }
    if let d = peek(), Lexer.isWordStart(d) {
      throw QueryError.malformed("unexpected token: '\(text(start, index + 1))'", at: start)
    }
    return Token(kind: .number(text(start, index)), offset: start)
  }

  /// A quoted string with SOQL's escapes: \n \r \t \b \f \" \' \\, and \_ \% kept escaped for LIKE.
  private mutating func string(_ start: Int) throws -> Token {
    index += 1
    var value = ""
    while let c = peek() {
      index += 1
      if c == "'" { return Token(kind: .string(value), offset: start) }
      if c == "\\" {
        guard let e = peek() else { break }
        index += 1
        switch e {
        case "n": value += "\n"
        case "r": value += "\r"
        case "t": value += "\t"
        case "b": value += "\u{08}"
        case "f": value += "\u{0C}"
        case "\"": value += "\""
        case "'": value += "'"
        case "\\": value += "\\\\"
        case "_", "%":
          value += "\\"
          value.unicodeScalars.append(e)
        case "u":
          let hex = (0..<4).compactMap { peek($0) }
          var code = ""
          code.unicodeScalars.append(contentsOf: hex)
          guard hex.count == 4, let number = UInt32(code, radix: 16), let scalar = Unicode.Scalar(number) else {
            throw QueryError.malformed("Invalid string literal '\\u\(code)'", at: index - 2)
          }
          index += 4
          value.unicodeScalars.append(scalar)
        default:
          throw QueryError.malformed(
            "Invalid string literal '\\\(String(e))'. Illegal character sequence '\\\(String(e))' in string literal.",
            at: index - 2)
        }
        continue
      }
      value.unicodeScalars.append(c)
    }
    throw QueryError.malformed("unexpected token: <EOF>: the string starting here is not closed", at: start)
  }
}

import Foundation
import SObjectGenCore
import SObjectMetadata

/// Parameterised SQL for one dialect: quoted identifiers (from the metadata, never from a request
/// unless checked against it) and placeholders for every value.
struct SQLText {
  var dialect: SQLDialect

  func q(_ identifier: String) -> String { dialect.quoted(identifier) }

  /// The placeholder of the n-th bind (1-based), with the cast PostgreSQL needs to read text or a
  /// number as the column's type.
  func placeholder(_ index: Int, type: SQLColumnType?) -> String {
    switch dialect {
    case .sqlite: return "?"
    case .postgresql:
      switch type {
      case .date: return "$\(index)::date"
      case .time: return "$\(index)::time"
      case .decimal: return "$\(index)::numeric"
      default: return "$\(index)"
      }
    }
  }

  /// A column as the store reads it back: PostgreSQL gives numbers as double, dates and times as
  /// text in the REST form's order.
  func selectExpression(_ column: String, type: SQLColumnType) -> String {
    switch (dialect, type) {
    case (.postgresql, .decimal): return "\(q(column))::float8"
    case (.postgresql, .date): return "\(q(column))::text"
    case (.postgresql, .time): return "to_char(\(q(column)), 'HH24:MI:SS.MS')"
    case (.postgresql, .integer): return "\(q(column))::int8"
    default: return q(column)
    }
  }

  func insert(table: String, columns: [(name: String, type: SQLColumnType)]) -> String {
    let names = columns.map { q($0.name) }.joined(separator: ", ")
    let values = columns.enumerated().map { placeholder($0.offset + 1, type: $0.element.type) }
      .joined(separator: ", ")
    return "INSERT INTO \(q(table)) (\(names)) VALUES (\(values))"
  }

  /// `UPDATE … SET … WHERE "Id" = <last bind>`.
  func update(table: String, columns: [(name: String, type: SQLColumnType)]) -> String {
    let sets = columns.enumerated().map {
      "\(q($0.element.name)) = \(placeholder($0.offset + 1, type: $0.element.type))"
    }
    .joined(separator: ", ")
    return "UPDATE \(q(table)) SET \(sets) WHERE \(q("Id")) = \(placeholder(columns.count + 1, type: .id))"
  }

  func select(table: String, columns: [(name: String, type: SQLColumnType)], whereColumn: String) -> String {
    let list = columns.map { selectExpression($0.name, type: $0.type) }.joined(separator: ", ")
    return "SELECT \(list) FROM \(q(table)) WHERE \(q(whereColumn)) = \(placeholder(1, type: nil))"
  }
}

/// Splits a script (the generated DDL, a migration) into statements: `;` ends one outside quotes,
/// comments and a trigger's `BEGIN … END`.
enum SQLScript {
  static func statements(_ script: String) -> [String] {
    var statements: [String] = []
    var current = ""
    var words: [String] = []
    var word = ""
    let characters = Array(script)
    var index = 0
    func endWord() {
      if !word.isEmpty {
        words.append(word.uppercased())
        word = ""
      }
    }
    while index < characters.count {
      let character = characters[index]
      if character == "-", index + 1 < characters.count, characters[index + 1] == "-" {
        endWord()
        while index < characters.count, characters[index] != "\n" { index += 1 }
        current.append(" ")
        continue
      }
      if character == "'" || character == "\"" {
        endWord()
        var end = index + 1
        while end < characters.count {
          if characters[end] == character {
            if end + 1 < characters.count, characters[end + 1] == character {
              end += 2
              continue
            }
            break
          }
          end += 1
        }
        current.append(contentsOf: characters[index...min(end, characters.count - 1)])
        words.append("<quoted>")
        index = end + 1
        continue
      }
      if character == "$", dialectDollarQuote(characters, index) != nil {
        endWord()
        let tag = dialectDollarQuote(characters, index)!
        let tagCharacters = Array(tag)
        var end = index + tagCharacters.count
        while end + tagCharacters.count <= characters.count,
          Array(characters[end..<end + tagCharacters.count]) != tagCharacters
        {
          end += 1
        }
        let stop = min(end + tagCharacters.count, characters.count)
        current.append(contentsOf: characters[index..<stop])
        words.append("<quoted>")
        index = stop
        continue
      }
      if character == ";" {
        endWord()
        current.append(";")
        let isTrigger = words.count >= 2 && words[0] == "CREATE" && words.prefix(4).contains("TRIGGER")
        let hasBody = words.contains("BEGIN")
        if !isTrigger || !hasBody || words.last == "END" {
          let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
          if statement != ";" { statements.append(statement) }
          current = ""
          words = []
        }
        index += 1
        continue
      }
      if character.isLetter || character.isNumber || character == "_" {
        word.append(character)
      } else {
        endWord()
      }
      current.append(character)
      index += 1
    }
    let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
    if !rest.isEmpty { statements.append(rest) }
    return statements
  }

  /// A PostgreSQL dollar-quote tag (`$rule$`) starting at `index`.
  private static func dialectDollarQuote(_ characters: [Character], _ index: Int) -> String? {
    var end = index + 1
    while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" {
      end += 1
    }
    guard end < characters.count, characters[end] == "$" else { return nil }
    return String(characters[index...end])
  }
}

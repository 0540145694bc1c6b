import Foundation
import Testing

@testable import SObjectMetadata

/// `PathText` gives what `NSString`'s path methods give, for the paths the generator makes and for
/// the odd ones a user can type (but "//", whose last component is "/" here and on Darwin, and "" in
/// swift-corelibs-foundation).
struct PathTextTests {
  static let paths = [
    "Metadata/objects/Visit.yaml", "objects/Visit.yml", "Visit.yaml", "/tmp/org/o3000/objects/Object0000__c.yaml",
    "./objects/Visit.yaml", "Metadata//objects/Visit.yaml", "Metadata/objects/", "Metadata/objects//", "/",
    "", "Visit", ".yaml", "..", ".", "a..", "Visit.", "a.b.yaml", "Métadonnées/objets/Visite.yaml",
    "dir.v2/Visit", "dir.v2/.hidden",
  ]

  @Test(arguments: paths) func lastComponentIsNSStrings(path: String) {
    #expect(PathText.lastComponent(of: path) == (path as NSString).lastPathComponent)
  }

  @Test(arguments: paths) func stemOfTheLastComponentIsNSStrings(path: String) {
    let last = (path as NSString).lastPathComponent
    #expect(PathText.stem(of: last) == (last as NSString).deletingPathExtension)
  }

  @Test func joinedIsNSStringsForTheGeneratorsPaths() {
    for root in ["Generated", "Generated/", "/tmp/org/out3000", "./out", "a b/é"] {
      for relative in ["describe/Visit.json", "sql/sqlite.sql", ".sobjectgen-manifest", "Visit.yaml"] {
        #expect(PathText.joined(root, relative) == (root as NSString).appendingPathComponent(relative))
      }
    }
    #expect(PathText.joined("", "Visit.yaml") == "Visit.yaml")
    #expect(PathText.joined("Generated", "") == "Generated")
  }
}

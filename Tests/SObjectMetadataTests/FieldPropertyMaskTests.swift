import Testing

@testable import SObjectMetadata

/// `FieldProperty.bit` and `mask(of:)`: the form in which the parse cache and a child's summary keep a
/// field's properties.
struct FieldPropertyMaskTests {
  @Test func eachPropertyHasItsOwnBitInDeclarationOrder() {
    let bits = FieldProperty.allCases.map(\.bit)
    #expect(Set(bits).count == FieldProperty.allCases.count)
    #expect(bits.allSatisfy { $0.nonzeroBitCount == 1 })
    // Each bit is the case's place in declaration order.
    #expect(FieldProperty.autonumber.bit == 1)
    #expect(FieldProperty.idLookup.bit == 1 << 10)
    #expect(FieldProperty.update.bit == 1 << 18)
  }

  @Test func indexIsThePlaceInDeclarationOrderAndTheOrderIgnoresCase() {
    #expect(FieldProperty.allCases.count <= 64, "a mask keeps the field properties in 64 bits")
    for (place, property) in FieldProperty.allCases.enumerated() { #expect(property.index == place, "\(property)") }
    for lhs in FieldProperty.allCases {
      for rhs in FieldProperty.allCases {
        #expect((lhs < rhs) == (lhs.rawValue.lowercased() < rhs.rawValue.lowercased()), "\(lhs) < \(rhs)")
      }
    }
    let sorted = FieldProperty.allCases.sorted()
    #expect(sorted.first == .autonumber)
    #expect(sorted.firstIndex(of: .idLookup)! > sorted.firstIndex(of: .group)!)
  }

  @Test func aMaskHoldsExactlyItsProperties() {
    #expect(FieldProperty.mask(of: []) == 0)
    #expect(FieldProperty.mask(of: Set(FieldProperty.allCases)) == (1 << UInt64(FieldProperty.allCases.count)) - 1)
    let some: Set<FieldProperty> = [.create, .nillable, .update, .idLookup]
    let mask = FieldProperty.mask(of: some)
    #expect(Set(FieldProperty.allCases.filter { mask & $0.bit != 0 }) == some)
  }
}

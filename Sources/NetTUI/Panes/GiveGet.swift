import Foundation

/// The give/get tally as the cards show it: the counts and their ratio ("gave 6 · got 2 · 3.0 : 1").
enum GiveGet {
    static func text(_ tally: (gave: Int, got: Int)) -> String {
        let ratio: String
        switch (tally.gave, tally.got) {
        case (0, 0): ratio = ""
        case (_, 0): ratio = " · only given"
        case (0, _): ratio = " · only taken"
        default: ratio = " · " + String(format: "%.1f : 1", Double(tally.gave) / Double(tally.got))
        }
        return "gave \(tally.gave) · got \(tally.got)" + ratio
    }
}

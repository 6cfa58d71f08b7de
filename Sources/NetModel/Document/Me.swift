import Plumbing

/// The owner's own profile: what I offer, what I seek, and my one-sentence pitch.
public struct Me: Equatable, Sendable {
    public var name: String = ""
    public var offers: [String] = []
    public var seeks: [String] = []
    public var pitch: String = ""
    public var extra: [JSONKey: JSON] = [:]

    public init() {}
}

import Plumbing

/// The built-in demo network: about forty contacts across all four quadrants, six networks, a few
/// events around today and the interaction log that ties them together. Dates are relative to
/// `today` and ids are fixed, so the same day always gives the same network (and the same file).
public enum Demo {
    public static func network(today: Day) -> Network {
        var b = Builder(today: today)
        var n = Network()
        n.me = me
        n.scheme.criteria = criteria

        for (i, row) in contactRows.enumerated() { b.addContact(i, row) }
        for (i, row) in networkRows.enumerated() { b.addNetwork(i, row) }
        for (i, row) in eventRows.enumerated() { b.addEvent(i, row) }
        for (name, days) in oneSidedRows { b.addOneSided(name, days) }
        for row in followUpRows { b.addFollowUp(row) }
        b.decide(decisionRows)
        for name in criterionRatings.keys.sorted() + ratingHistories.keys.sorted() { _ = b.ref(name) }

        (n.contacts, n.networks, n.events, n.interactions) = (b.contacts, b.networks, b.events, b.interactions)
        sortByID(&n)
        return n
    }

    /// The file keeps entities sorted by id; so does the demo, so that it reads back equal.
    static func sortByID(_ n: inout Network) {
        func sort<T: Identifiable>(_ items: inout [T]) where T.ID == String {
            // Sorts the ids (as numbers when they are all UUIDs, which is faster), then moves each
            // entity once to its place, along the cycles of the permutation.
            var keys: [(UInt64, UInt64, Int)] = []
            keys.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                guard let key = uuidKey(item.id) else { break }
                keys.append((key.0, key.1, i))
            }
            let order = keys.count == items.count
                ? keys.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
                : items.indices.sorted { items[$0].id < items[$1].id }
            items.permute(by: order)
        }
        sort(&n.contacts)
        sort(&n.networks)
        sort(&n.events)
        sort(&n.interactions)
    }

    /// Me: Kaisa Virtanen, who helps small Nordic firms sell abroad.
    static let me: Me = {
        var me = Me()
        me.name = kaisa
        me.offers = ["market entry strategy", "partner search in the Nordics", "workshop facilitation", "speakers for events"]
        me.seeks = ["export to Germany", "EU funding applications", "investor introductions", "contract law", "Chinese distributors"]
        me.pitch = "I help small Nordic firms sell abroad: market entry strategy, partner search and funding, from first idea to first order."
        return me
    }()

    // MARK: - Tables

    struct ContactRow {
        var name, org, role, phonePrefix: String
        var kinds: [ContactKind]
        var now, future: Rating
        var stage: Stage
        var chemistry: Rating?
        var owner: String
        var tags, competences, needs: [String]
        var notes: String
        /// Days before today of each interaction, newest first.
        var seen: [Int]

        init(_ name: String, _ org: String, _ role: String, _ phonePrefix: String, _ kinds: [ContactKind],
             _ now: Rating, _ future: Rating, _ stage: Stage, _ chemistry: Rating?, _ owner: String,
             tags: [String], can competences: [String], needs: [String], notes: String = "", seen: [Int]) {
            (self.name, self.org, self.role, self.phonePrefix, self.kinds) = (name, org, role, phonePrefix, kinds)
            (self.now, self.future, self.stage, self.chemistry, self.owner) = (now, future, stage, chemistry, owner)
            (self.tags, self.competences, self.needs, self.notes, self.seen) = (tags, competences, needs, notes, seen)
        }
    }

    static let kaisa = "Kaisa Virtanen", jonas = "Jonas Berg", henrik = "Henrik Dahl"

    static let contactRows: [ContactRow] = [
        // Key: high now, high in future.
        ContactRow("Aino Järvinen", "Järvinen Design Oy", "CEO", "+358 40", [.customer, .partner], .ten, .ten, .commitment, .ten, kaisa,
                   tags: ["design", "tampere"], can: ["UX design", "service design"], needs: ["export to Germany"],
                   notes: "Wants to open a Berlin studio next year.", seen: [3, 20, 47, 90]),
        ContactRow("Søren Østergaard", "Østergaard Vind ApS", "Head of Procurement", "+45 20", [.customer], .ten, .one, .trust, .one, jonas,
                   tags: ["energy", "wind"], can: ["wind power supply chain"], needs: ["market entry strategy", "Japanese market entry"],
                   seen: [12, 40, 75]),
        ContactRow("Mette Kjær", "Kjær & Partnere Advokatfirma", "Partner", "+45 31", [.partner], .one, .ten, .trust, .ten, jonas,
                   tags: ["legal"], can: ["contract law", "EU public procurement"], needs: ["partner search in the Nordics"],
                   notes: "Refers difficult contract cases to us and we to her.", seen: [45, 100]),
        ContactRow("Pekka Mäkelä", "Business Finland", "Senior Advisor", "+358 50", [.funder], .one, .one, .commitment, .one, kaisa,
                   tags: ["funding", "public"], can: ["EU funding applications", "investor introductions"], needs: ["good export cases to fund"],
                   seen: [7, 35, 64, 120]),
        ContactRow("Åsa Lindström", "Lindström Livsmedel AB", "Export Manager", "+46 70", [.customer], .ten, .ten, .interest, nil, henrik,
                   tags: ["food", "göteborg"], can: ["food safety certification"], needs: ["Chinese distributors", "export to Germany"],
                   seen: [1, 15, 29]),
        ContactRow("Hans Müller", "Müller Handelsgesellschaft mbH", "Geschäftsführer", "+49 171", [.partner, .supplier], .one, .ten, .trust, .ten, kaisa,
                   tags: ["germany", "distribution"], can: ["export to Germany", "German distribution network"], needs: ["Nordic suppliers"],
                   seen: [33, 70]),
        ContactRow("Ingrid Solberg", "Solberg Maritime AS", "CTO", "+47 90", [.customer], .ten, .ten, .commitment, .one, henrik,
                   tags: ["maritime", "bergen"], can: ["cloud hosting"], needs: ["mobile app development", "recruiting engineers"],
                   seen: [10, 52]),
        ContactRow("佐藤 健", "Sato Trading K.K.", "Director, Europe", "+81 90", [.partner], .one, .one, .interest, nil, kaisa,
                   tags: ["japan"], can: ["Japanese market entry"], needs: ["food safety certification"],
                   notes: "Prefers email in English; visits Europe twice a year.", seen: [5]),
        ContactRow("Jukka Heikkinen", "Nordic Growth Partners", "Investment Director", "+358 44", [.funder], .ten, .one, .trust, .one, kaisa,
                   tags: ["investor"], can: ["investor introductions", "due diligence"], needs: ["sustainability reporting"],
                   seen: [60, 150]),
        ContactRow("Emilia Nieminen", "Tampere Chamber of Commerce", "Director", "+358 40", [.peer], .one, .one, .commitment, .ten, jonas,
                   tags: ["chamber", "tampere"], can: ["trade fair logistics", "B2B sales training"], needs: ["speakers for events"],
                   seen: [2, 25, 58]),
        // Rising: low now, high in future.
        ContactRow("Frederik Nørgaard", "Nørgaard Robotics ApS", "Founder", "+45 42", [.customer, .candidate], .tenth, .ten, .interest, .one, jonas,
                   tags: ["startup", "robotics"], can: ["robotics prototyping"], needs: ["investor introductions", "EU funding applications"],
                   notes: "Small today; two pilots with shipyards.", seen: [14, 40]),
        ContactRow("Linnea Holm", "Holm Studio AB", "Founder", "+46 73", [.partner], .tenth, .one, .interest, .ten, henrik,
                   tags: ["design", "video"], can: ["video production", "UX design"], needs: ["B2B sales training"],
                   seen: [25, 80]),
        ContactRow("王芳", "Shenzhen Bright Sourcing Co., Ltd.", "Business Development Manager", "+86 138", [.partner, .supplier], .tenth, .ten, .interest, nil, kaisa,
                   tags: ["china", "sourcing"], can: ["Chinese distributors", "electronics sourcing"], needs: ["Nordic design partners"],
                   seen: [9]),
        ContactRow("Ville Korhonen", "Oulu Wireless Labs", "CTO", "+358 45", [.customer], .zero, .one, .interest, nil, kaisa,
                   tags: ["5g", "oulu"], can: ["mobile app development", "5G testing"], needs: ["export to Germany"],
                   notes: "Met once at a fair; never followed up.", seen: []),
        ContactRow("Sofie Kristensen", "Green Harbour Aarhus", "Sustainability Lead", "+45 26", [.user], .tenth, .one, .trust, .one, jonas,
                   tags: ["sustainability"], can: ["sustainability reporting"], needs: ["translation fi/sv/da"],
                   seen: [18, 50]),
        ContactRow("Olli Lehtinen", "Aalto University", "Doctoral Researcher", "+358 50", [.candidate], .zero, .one, .interest, nil, kaisa,
                   tags: ["ai", "talent"], can: ["machine learning"], needs: ["first industry job"],
                   seen: [70]),
        ContactRow("Priya Raman", "Helsinki Fintech Hub", "Programme Manager", "+358 41", [.peer], .tenth, .ten, .interest, .one, henrik,
                   tags: ["fintech"], can: ["investor introductions"], needs: ["partner search in the Nordics"],
                   seen: [4, 30]),
        ContactRow("Karin Åkesson", "Åkesson Bageri AB", "Owner", "+46 76", [.customer], .tenth, .one, .interest, .ten, henrik,
                   tags: ["food"], can: ["artisan bakery"], needs: ["food safety certification", "export to Germany"],
                   seen: [22]),
        ContactRow("Magnus Håland", "Håland Fjordfisk AS", "Sales Director", "+47 93", [.customer], .tenth, .one, .interest, nil, jonas,
                   tags: ["seafood"], can: ["cold chain logistics"], needs: ["Japanese market entry", "Chinese distributors"],
                   seen: [11, 95]),
        ContactRow("Tuuli Räsänen", "Räsänen Translations", "Translator", "+358 44", [.supplier], .zero, .one, .trust, .ten, kaisa,
                   tags: ["language"], can: ["translation fi/sv/da"], needs: ["bookkeeping"],
                   seen: [19, 60]),
        // Maintain: high now, low in future.
        ContactRow("Bengt Nyström", "Nyström Verkstäder AB", "Purchasing Manager", "+46 70", [.customer], .one, .tenth, .commitment, .one, henrik,
                   tags: ["manufacturing"], can: ["metal fabrication"], needs: ["trade fair logistics"],
                   seen: [20, 85, 150]),
        ContactRow("Leena Salminen", "Salminen & Co Tilitoimisto", "Accountant", "+358 40", [.supplier], .one, .tenth, .commitment, .ten, kaisa,
                   tags: ["finance"], can: ["bookkeeping", "payroll"], needs: [],
                   seen: [30, 61, 93, 125]),
        ContactRow("Niels Bach", "Danske Eksportkonsulenter", "Senior Consultant", "+45 40", [.peer], .ten, .zero, .commitment, .one, jonas,
                   tags: ["export"], can: ["export to Germany", "trade fair logistics"], needs: ["successor for his clients"],
                   notes: "Retires next spring.", seen: [90, 200]),
        ContactRow("Eirik Haugen", "Haugen Elektro AS", "CEO", "+47 92", [.customer], .one, .tenth, .trust, .tenth, henrik,
                   tags: ["electrical"], can: ["electrical installations"], needs: ["B2B sales training"],
                   seen: [40, 100]),
        ContactRow("Riikka Laine", "City of Espoo", "Business Services Coordinator", "+358 43", [.funder, .peer], .one, .tenth, .trust, .one, kaisa,
                   tags: ["public", "espoo"], can: ["public procurement guidance"], needs: ["workshop facilitation"],
                   seen: [65]),
        ContactRow("Lars Kjeldsen", "Kjeldsen Print A/S", "Account Manager", "+45 22", [.supplier], .one, .zero, .commitment, .one, jonas,
                   tags: ["print"], can: ["print production", "trade fair materials"], needs: [],
                   seen: [15, 45]),
        ContactRow("Marja-Liisa Kettunen-Väisänen-Hyvärinen",
                   "Pohjois-Pohjanmaan elinkeino-, liikenne- ja ympäristökeskuksen kansainvälistymispalvelut",
                   "Kansainvälistymisasiantuntija (international growth services, Northern Ostrobothnia)", "+358 29",
                   [.funder], .one, .tenth, .trust, .one, kaisa,
                   tags: ["public", "funding", "oulu"], can: ["EU funding applications", "regional development grants"],
                   needs: ["good export cases to fund"], seen: [55, 130]),
        ContactRow("Gunnar Lindqvist", "Lindqvist Logistik AB", "Key Account Manager", "+46 72", [.supplier], .one, .tenth, .trust, nil, henrik,
                   tags: ["logistics"], can: ["trade fair logistics", "cold chain logistics"], needs: ["Japanese market entry"],
                   seen: [70]),
        ContactRow("Anna Bergqvist", "Swedish Chamber of Commerce in Finland", "Event Manager", "+358 50", [.peer], .one, .tenth, .trust, .one, henrik,
                   tags: ["chamber"], can: ["event hosting"], needs: ["speakers for events"],
                   seen: [8, 36]),
        ContactRow("Jean-Pierre Dubois", "Dubois Conseil SARL", "Consultant", "+33 6", [.partner], .ten, .tenth, .trust, .tenth, jonas,
                   tags: ["difficult", "france"], can: ["French market entry"], needs: ["partner search in the Nordics"],
                   notes: "Difficult: slow payer, much hassle for the money.", seen: [59, 120]),
        // Light touch: low now, low in future.
        ContactRow("Matti Koskinen", "Koskinen Golf Club", "Secretary", "+358 40", [.peer], .tenth, .tenth, .interest, nil, kaisa,
                   tags: ["golf"], can: ["event venues"], needs: ["sponsors"],
                   seen: [200]),
        ContactRow("Birgitte Sørensen", "", "Freelance Journalist", "+45 28", [.peer], .tenth, .zero, .interest, .one, jonas,
                   tags: ["press"], can: ["press contacts"], needs: ["story ideas"],
                   seen: [100]),
        ContactRow("Ole Hansen", "Hansen Kontorservice", "Owner", "+45 21", [.supplier], .zero, .zero, .interest, .tenth, jonas,
                   tags: ["office"], can: ["office cleaning"], needs: [],
                   seen: []),
        ContactRow("Sanna Heinonen", "Vaasa Energy Cluster", "Project Manager", "+358 40", [.peer], .tenth, .tenth, .trust, .ten, kaisa,
                   tags: ["energy", "vaasa"], can: ["wind power supply chain"], needs: ["recruiting engineers"],
                   notes: "Former colleague.", seen: [150]),
        ContactRow("Björn Ekström", "Ekström Consulting", "Sales Coach", "+46 70", [.supplier, .peer], .tenth, .tenth, .interest, .tenth, henrik,
                   tags: ["sales"], can: ["B2B sales training"], needs: ["investor introductions"],
                   notes: "Sells at every event; never buys.", seen: [190, 300]),
        ContactRow("Thomas O'Brien", "Dublin Tech Forum", "Organiser", "+353 87", [.peer], .zero, .tenth, .interest, nil, henrik,
                   tags: ["ireland", "events"], can: ["event hosting"], needs: ["Nordic speakers"],
                   seen: [170]),
        ContactRow("Hanna Mäkinen", "Hanken School of Economics", "Student", "+358 46", [.candidate], .tenth, .tenth, .interest, nil, kaisa,
                   tags: ["talent"], can: ["translation fi/sv/da"], needs: ["summer internship"],
                   seen: [60]),
        ContactRow("Rasmus Vestergaard", "Vestergaard IT ApS", "Sales Representative", "+45 53", [.supplier], .tenth, .zero, .interest, .zero, jonas,
                   tags: ["it"], can: ["cloud hosting"], needs: ["customers in Finland"],
                   notes: "Cold-calls every month.", seen: [30, 33, 38]),
        ContactRow("Mohammed Al-Sayed", "Gulf Trade Partners", "Agent", "+971 50", [.partner], .tenth, .tenth, .interest, nil, henrik,
                   tags: ["middle east"], can: ["Middle East distributors"], needs: ["Nordic suppliers"],
                   seen: [240]),
        ContactRow("Katarzyna Nowak", "Nowak Translations", "Translator", "+48 601", [.supplier], .zero, .tenth, .interest, .one, kaisa,
                   tags: ["language"], can: ["translation pl/en"], needs: ["more clients"],
                   seen: [120]),
    ]

    /// The scheme's criteria: two on each axis.
    static let criteria = [
        Criterion(id: "revenue", name: "Revenue today", axis: .now),
        Criterion(id: "wallet", name: "Share of wallet", axis: .now),
        Criterion(id: "fit", name: "Strategic fit", axis: .future),
        Criterion(id: "growth", name: "Growth potential", axis: .future),
    ]

    /// Criterion ratings for about half the contacts. Most agree with the contact's quadrant; four
    /// drift: Ingrid Solberg (Key, criteria say Maintain), Magnus Håland (Rising → Key), Karin
    /// Åkesson (Rising → Light touch) and Riikka Laine (Maintain → Rising).
    private static let criterionRatings: [String: [String: Rating]] = [
        // Key
        "Aino Järvinen": ["revenue": .ten, "wallet": .ten, "fit": .ten, "growth": .ten],
        "Søren Østergaard": ["revenue": .ten, "wallet": .one, "fit": .one, "growth": .one],
        "Mette Kjær": ["revenue": .one, "wallet": .tenth, "fit": .ten, "growth": .one],
        "Pekka Mäkelä": ["revenue": .tenth, "wallet": .one, "fit": .one],
        "Ingrid Solberg": ["revenue": .ten, "wallet": .ten, "fit": .tenth, "growth": .zero],
        "Jukka Heikkinen": ["revenue": .one, "wallet": .one, "fit": .one, "growth": .ten],
        // Rising
        "Frederik Nørgaard": ["revenue": .tenth, "wallet": .zero, "fit": .ten, "growth": .ten],
        "王芳": ["revenue": .zero, "fit": .ten, "growth": .one],
        "Priya Raman": ["growth": .ten],
        "Karin Åkesson": ["revenue": .tenth, "wallet": .tenth, "fit": .zero, "growth": .tenth],
        "Olli Lehtinen": ["fit": .one, "growth": .ten],
        "Magnus Håland": ["revenue": .one, "wallet": .one, "fit": .one, "growth": .one],
        // Maintain
        "Bengt Nyström": ["revenue": .one, "wallet": .one, "fit": .tenth, "growth": .zero],
        "Leena Salminen": ["revenue": .one, "wallet": .tenth, "fit": .zero],
        "Niels Bach": ["revenue": .ten, "wallet": .ten, "fit": .zero, "growth": .zero],
        "Riikka Laine": ["revenue": .tenth, "wallet": .zero, "fit": .one, "growth": .ten],
        "Jean-Pierre Dubois": ["revenue": .one, "wallet": .one, "fit": .zero, "growth": .tenth],
        // Light touch
        "Matti Koskinen": ["revenue": .zero, "wallet": .tenth, "fit": .zero],
        "Björn Ekström": ["revenue": .zero, "fit": .tenth, "growth": .tenth],
        "Rasmus Vestergaard": ["revenue": .zero, "wallet": .zero, "growth": .zero],
        "Sanna Heinonen": ["fit": .tenth, "growth": .tenth],
    ]

    /// Rating histories: the ratings a contact started with, then (days before today, now, future)
    /// for each change, oldest first; the last change gives the ratings in `contactRows`.
    private static let ratingHistories: [String: (start: (Rating, Rating), steps: [(Int, Rating, Rating)])] = [
        // Rose from Rising into Key about eight months ago, then grew within Key.
        "Jukka Heikkinen": ((.tenth, .one), [(240, .one, .one), (90, .ten, .one)]),
        // Grew within Key only: never changed quadrant.
        "Søren Østergaard": ((.one, .one), [(60, .ten, .one)]),
        // Rising contacts that moved up from Light touch recently.
        "Frederik Nørgaard": ((.tenth, .tenth), [(35, .tenth, .one), (20, .tenth, .ten)]),
        "Priya Raman": ((.tenth, .tenth), [(25, .tenth, .ten)]),
        "Olli Lehtinen": ((.zero, .tenth), [(55, .zero, .one)]),
        // From Key to Maintain: retiring.
        "Niels Bach": ((.ten, .one), [(120, .ten, .zero)]),
        // From Maintain to Light touch.
        "Matti Koskinen": ((.one, .tenth), [(150, .tenth, .tenth)]),
    ]

    /// (kind, note, gave, got), used in turn.
    static let interactionTemplates: [(InteractionKind, String, String, String)] = [
        (.meeting, "Lunch to catch up on their plans", "Two leads for their export plan", "Honest feedback on our pitch"),
        (.call, "Quarterly call", "An overview of the Danish market", "A tip about an upcoming tender"),
        (.message, "Message about their news", "Congratulations and a useful article", ""),
        (.event, "Talked at a network event", "", "An invitation to their next event"),
        (.introduction, "Introduced them to a partner who matches their need", "An introduction", "Thanks, and a promise to return the favour"),
        (.referral, "Referred a customer to them", "A customer referral", "A referral back two months later"),
        (.meeting, "Workshop together at their office", "Half a day of facilitation", "Their customer list for the region"),
    ]

    struct NetworkRow {
        var name, kind: String
        var purposes: [Purpose]
        var hours, cost: Double
        var yield: Rating
        var bestBefore: Int?
        var fair, ambitionFit: Bool
        var notes: String
        var members: [String]
        /// Days before today of the last activity logged by hand.
        var lastActivity: Int? = nil
    }

    static let networkRows: [NetworkRow] = [
        NetworkRow(name: "Tampere Chamber of Commerce", kind: "association", purposes: [.influence, .information, .competitiveness],
                   hours: 4, cost: 950, yield: .one, bestBefore: nil, fair: true, ambitionFit: true,
                   notes: "Good for regional influence and the autumn gala.",
                   members: ["Emilia Nieminen", "Pekka Mäkelä", "Aino Järvinen", "Jukka Heikkinen", "Matti Koskinen", "Björn Ekström"],
                   lastActivity: nil),
        NetworkRow(name: "Nordic Export Circle", kind: "forum", purposes: [.competence, .perspectives, .commonGoal],
                   hours: 6, cost: 2400, yield: .ten, bestBefore: 400, fair: true, ambitionFit: true,
                   notes: "Buyers and sellers across industries; the best network we have.",
                   members: ["Søren Østergaard", "Mette Kjær", "Åsa Lindström", "Hans Müller", "Niels Bach", "Ingrid Solberg",
                             "Karin Åkesson", "Magnus Håland", "Gunnar Lindqvist"],
                   lastActivity: nil),
        NetworkRow(name: "GreenPort Horizon Consortium", kind: "project consortium", purposes: [.funding, .commonGoal, .mandated],
                   hours: 12.5, cost: 0, yield: .one, bestBefore: 10, fair: true, ambitionFit: true,
                   notes: "EU project; the funding period ends soon.",
                   members: ["Sofie Kristensen", "Frederik Nørgaard", "Marja-Liisa Kettunen-Väisänen-Hyvärinen", "Sanna Heinonen", "Pekka Mäkelä"],
                   lastActivity: 25),
        NetworkRow(name: "Business Breakfast Club Helsinki", kind: "club", purposes: [.information],
                   hours: 5, cost: 600, yield: .tenth, bestBefore: nil, fair: false, ambitionFit: true,
                   notes: "Everyone sells, nobody buys.",
                   members: ["Björn Ekström", "Rasmus Vestergaard", "Birgitte Sørensen", "Ole Hansen", "Priya Raman", "Anna Bergqvist"],
                   lastActivity: 16),
        NetworkRow(name: "Golf & Business Society", kind: "club", purposes: [.perspectives],
                   hours: 10, cost: 3500, yield: .zero, bestBefore: -30, fair: true, ambitionFit: false,
                   notes: "Expensive, and no longer where our customers are.",
                   members: ["Matti Koskinen", "Bengt Nyström", "Eirik Haugen"],
                   lastActivity: 95),
        NetworkRow(name: "Startup Mentors Online", kind: "online community", purposes: [.perspectives, .competence],
                   hours: 2, cost: 0, yield: .one, bestBefore: nil, fair: true, ambitionFit: true,
                   notes: "",
                   members: ["Linnea Holm", "Olli Lehtinen", "Ville Korhonen", "Frederik Nørgaard", "Hanna Mäkinen", "Priya Raman"],
                   lastActivity: 210),
    ]

    /// Extra interactions (days before today) in which we gave and got nothing back: lopsided
    /// relationships for the exit list. All older than the contact's latest interaction.
    private static let oneSidedRows: [(String, [Int])] = [
        ("Eirik Haugen", [115, 140, 170, 210]),
        ("Sanna Heinonen", [175, 230, 290]),
    ]

    /// Follow-ups on existing interactions: (contact name, which interaction — 0 is the newest in the
    /// row's `seen` —, due in days from today, what, done in days from today or nil while open).
    /// Four are due today or overdue, two come later, one is done.
    private static let followUpRows: [(String, Int, Int, String, Int?)] = [
        ("Hans Müller", 0, -5, "Send him three Nordic food suppliers for his German network", nil),
        ("Søren Østergaard", 0, -2, "Send the market entry proposal for Japan", nil),
        ("Frederik Nørgaard", 0, -3, "Introduce him to Jukka Heikkinen about seed funding", nil),
        ("Pekka Mäkelä", 0, 0, "Send the draft EU funding application for Nørgaard Robotics", nil),
        ("Ingrid Solberg", 0, 1, "Bring the app developer shortlist to the visit", nil),
        ("Åsa Lindström", 0, 4, "Introduce her to Hans Müller about German distribution", nil),
        ("Mette Kjær", 1, -90, "Send the partner agreement draft", -92),
    ]

    /// A decision, in days relative to today.
    private enum DecisionRow {
        case keep(String, on: Int)
        case reviewLater(until: Int, on: Int)
        case windDown(by: Int, handover: String, on: Int)
        case leave(on: Int)
    }

    /// Exit decisions taken so far, by network or contact name.
    private static let decisionRows: [(String, DecisionRow)] = [
        ("Golf & Business Society", .windDown(by: 75, handover: "hand the sponsor contacts over to Henrik", on: -6)),
        ("Björn Ekström", .reviewLater(until: 30, on: -10)),
        ("Mohammed Al-Sayed", .keep("our only door to the Gulf states", on: -40)),
    ]

    /// (name, days from today, network name, location, attendees, notes)
    private static let eventRows: [(String, Int, String?, String, [String], String)] = [
        ("Nordic Export Circle: spring meetup", 0, "Nordic Export Circle", "Copenhagen, Nordhavn",
         ["Søren Østergaard", "Mette Kjær", "Hans Müller", "Åsa Lindström", "Niels Bach", "Karin Åkesson", "Magnus Håland", "佐藤 健"],
         "Ask Hans about German distribution for Åsa and Karin."),
        ("Customer visit: Solberg Maritime", 1, nil, "Bergen", ["Ingrid Solberg"], "Bring the app developer shortlist."),
        ("Business Breakfast", 2, "Business Breakfast Club Helsinki", "Helsinki",
         ["Björn Ekström", "Rasmus Vestergaard", "Priya Raman", "Anna Bergqvist", "Birgitte Sørensen"], ""),
        ("GreenPort consortium kick-off", 7, "GreenPort Horizon Consortium", "Aarhus",
         ["Sofie Kristensen", "Frederik Nørgaard", "Marja-Liisa Kettunen-Väisänen-Hyvärinen", "Pekka Mäkelä"], ""),
        ("Chamber autumn gala", -20, "Tampere Chamber of Commerce", "Tampere Hall",
         ["Emilia Nieminen", "Aino Järvinen", "Jukka Heikkinen", "Matti Koskinen"], ""),
        ("Food & Export Fair", -45, nil, "Gothenburg",
         ["Åsa Lindström", "Karin Åkesson", "Magnus Håland", "佐藤 健", "王芳"], "Met Wang Fang and Sato-san at the Nordic pavilion."),
    ]

    // MARK: - Building

    private struct Builder {
        let today: Day
        var contacts: [Contact] = []
        var networks: [NetworkGroup] = []
        var events: [Event] = []
        var interactions: [Interaction] = []
        var idByName: [String: String] = [:]

        init(today: Day) { self.today = today }

        func time(daysAgo: Int, minute: Int) -> Timestamp { Demo.time(today, daysAgo: daysAgo, minute: minute) }

        func ref(_ name: String) -> String {
            guard let id = idByName[name] else { preconditionFailure("Demo: no contact named \(name)") }
            return id
        }

        mutating func addContact(_ i: Int, _ row: ContactRow) {
            let oldest = row.seen.max() ?? 30
            var c = Contact(id: Demo.id(1, i), name: row.name, created: time(daysAgo: oldest + 10 + (i % 5) * 7, minute: i * 7))
            c.updated = time(daysAgo: row.seen.min() ?? oldest, minute: i * 7 + 30)
            (c.organization, c.role, c.kinds, c.owner) = (row.org, row.role, row.kinds, row.owner)
            (c.importanceNow, c.importanceFuture, c.stage, c.chemistry) = (row.now, row.future, row.stage, row.chemistry)
            (c.tags, c.competences, c.needs, c.notes) = (row.tags, row.competences, row.needs, row.notes)
            c.emails = [Demo.email(row.name, row.org, i)]
            c.phones = [Demo.phone(row.phonePrefix, i)]
            c.criteria = Demo.criterionRatings[row.name] ?? [:]
            if let history = Demo.ratingHistories[row.name] {
                (c.importanceNow, c.importanceFuture) = history.start
                for (daysAgo, now, future) in history.steps {
                    c.setRatings(now: now, future: future, on: today.adding(days: -daysAgo))
                }
                precondition(c.importanceNow == row.now && c.importanceFuture == row.future, "Demo: \(row.name)'s history ends elsewhere")
                // Added before its first change, and updated no earlier than its last.
                let first = history.steps.map(\.0).max()!, last = history.steps.map(\.0).min()!
                if c.created.day.days(since: today.adding(days: -first)) > -14 { c.created = time(daysAgo: first + 14, minute: i * 7) }
                c.updated = max(c.updated, time(daysAgo: last, minute: i * 7 + 30))
            }
            contacts.append(c)
            idByName[row.name] = c.id
            for (k, daysAgo) in row.seen.enumerated() {
                let t = Demo.interactionTemplates[(i + k) % Demo.interactionTemplates.count]
                var x = Interaction(id: Demo.id(4, interactions.count), contact: c.id, date: today.adding(days: -daysAgo), kind: t.0)
                (x.note, x.gave, x.got) = (t.1, t.2, t.3)
                interactions.append(x)
            }
        }

        mutating func addNetwork(_ i: Int, _ row: NetworkRow) {
            var g = NetworkGroup(id: Demo.id(2, i), name: row.name, created: time(daysAgo: 700 - i * 90, minute: i))
            g.updated = time(daysAgo: 5 + i * 11, minute: i)
            (g.kind, g.purposes, g.hoursPerMonth, g.costPerYear, g.yield) = (row.kind, row.purposes, row.hours, row.cost, row.yield)
            (g.bestBefore, g.fair, g.ambitionFit, g.notes) = (row.bestBefore.map { today.adding(days: $0) }, row.fair, row.ambitionFit, row.notes)
            g.members = row.members.map(ref)
            g.lastActivity = row.lastActivity.map { today.adding(days: -$0) }
            networks.append(g)
        }

        mutating func addOneSided(_ name: String, _ days: [Int]) {
            let id = ref(name)
            for daysAgo in days {
                var x = Interaction(id: Demo.id(4, interactions.count), contact: id, date: today.adding(days: -daysAgo), kind: .meeting)
                (x.note, x.gave, x.got) = Demo.oneSidedTemplate
                interactions.append(x)
            }
        }

        mutating func addFollowUp(_ row: (String, Int, Int, String, Int?)) {
            let id = ref(row.0)
            let mine = interactions.indices.filter { interactions[$0].contact == id }
            // Interactions are added newest first per contact, so index k is the k-th newest.
            let i = mine[row.1]
            interactions[i].followUp = FollowUp(due: today.adding(days: row.2), what: row.3, done: row.4.map { today.adding(days: $0) })
        }

        mutating func decide(_ rows: [(String, DecisionRow)]) {
            for (name, row) in rows {
                let decision: ExitDecision
                let on: Int
                switch row {
                case .keep(let reason, let d): (decision, on) = (.keep(reason: reason, on: today.adding(days: d)), d)
                case .reviewLater(let until, let d): (decision, on) = (.reviewLater(until: today.adding(days: until), on: today.adding(days: d)), d)
                case .windDown(let by, let handover, let d):
                    (decision, on) = (.windDown(by: today.adding(days: by), handover: handover, on: today.adding(days: d)), d)
                case .leave(let d): (decision, on) = (.leave(on: today.adding(days: d)), d)
                }
                // The decision was an edit: `updated` is no earlier than it.
                if let i = networks.firstIndex(where: { $0.name == name }) {
                    networks[i].decision = decision
                    networks[i].updated = max(networks[i].updated, time(daysAgo: -on, minute: 400))
                } else if let i = contacts.firstIndex(where: { $0.name == name }) {
                    contacts[i].decision = decision
                    contacts[i].updated = max(contacts[i].updated, time(daysAgo: -on, minute: 400))
                } else {
                    preconditionFailure("Demo: no network or contact named \(name)")
                }
            }
        }

        mutating func addEvent(_ i: Int, _ row: (String, Int, String?, String, [String], String)) {
            var e = Event(id: Demo.id(3, i), name: row.0, date: today.adding(days: row.1))
            e.network = row.2.map { name in networks.first { $0.name == name }!.id }
            (e.location, e.attendees, e.notes) = (row.3, row.4.map(ref), row.5)
            events.append(e)
        }
    }

    /// (note, gave, got) of a favour done unasked, with nothing back.
    static let oneSidedTemplate = ("Helped them again, unasked", "Advice on their export plan", "")

    /// 08:00 plus `minute` (modulo ten hours), `daysAgo` days before `today`.
    static func time(_ today: Day, daysAgo: Int, minute: Int) -> Timestamp {
        Timestamp(seconds: Int64(today.adding(days: -daysAgo).ordinal) * 86_400 + 8 * 3600 + Int64(minute % 600) * 60)
    }

    /// A phone number after `prefix`, fixed for `i`.
    static func phone(_ prefix: String, _ i: Int) -> String {
        prefix + " " + String(1_000_000 + (i * 7_919_113) % 9_000_000)
    }


    /// A fixed, valid version-4 UUID for entity `n` of a kind (splitmix64 of both).
    static func id(_ kind: UInt64, _ n: Int) -> String {
        let a = SplitMix.mix(kind << 32 | UInt64(n)), b = SplitMix.mix(a)
        return CompactID(version4: a, b).text
    }

    /// The 32 hex digits of a lowercase UUID as two numbers, which order as the strings do; nil for
    /// anything else.
    static func uuidKey(_ id: String) -> (UInt64, UInt64)? {
        CompactID.uuid(of: id)
    }

    /// first.last@organisation.example, folded to ASCII ("aino.jarvinen@jarvinendesignoy.example").
    static func email(_ name: String, _ org: String, _ i: Int) -> String {
        email(local: emailLocal(name), domain: emailDomain(org), i)
    }

    /// The address from its parts (`emailLocal`, `emailDomain`): "contact`i`" when the name has no ASCII letters.
    static func email(local: String, domain: String, _ i: Int) -> String {
        (local.isEmpty ? "contact\(i)" : local) + "@" + (domain.isEmpty ? "mail" : domain) + ".example"
    }

    /// "first.last", folded to ASCII; empty when the name has no ASCII letters or digits.
    static func emailLocal(_ name: String) -> String {
        name.split(separator: " ").map { ascii(String($0)) }.filter { !$0.isEmpty }.joined(separator: ".")
    }

    /// The organisation's first two words, folded to ASCII, at most 24 letters; empty when none.
    static func emailDomain(_ org: String) -> String {
        String(ascii(org.split(separator: " ").prefix(2).joined()).prefix(24))
    }

    private static func ascii(_ s: String) -> String {
        String(SearchText.fold(s).unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }.map(Character.init))
    }
}

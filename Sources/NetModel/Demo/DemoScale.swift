import Plumbing

/// The demo network at any scale (`nettui demo --contacts N`): generated from a seed, so the same
/// seed, counts and day always give the same network. Names are Nordic, German, English and East
/// Asian (a few decomposed, NFD); the ratings fill all four quadrants; interactions spread over about
/// three years with a skewed distribution (many contacts with a few, some with many, some with
/// none); networks have skewed sizes and overlap; events lie around today. Every step is linear in
/// the counts (member lists come from index math, not searches), so 100,000 contacts take under a
/// second in a release build.
extension Demo {
    public static let contactRange = 1...1_000_000
    public static let networkRange = 0...100_000
    public static let interactionRange = 0...5_000_000

    /// The networks generated when only the contacts are given: one per 50 contacts, at least one.
    public static func defaultNetworks(contacts: Int) -> Int { max(1, contacts / 50) }

    /// The interactions generated when only the contacts are given: three per contact.
    public static func defaultInteractions(contacts: Int) -> Int { 3 * contacts }

    /// A generated demo network of exactly `contacts` contacts, `networks` networks and `interactions`
    /// interactions (the events follow from them), with dates relative to `today`.
    public static func network(today: Day, contacts: Int, networks: Int, interactions: Int, seed: UInt64) -> Network {
        precondition(contactRange.contains(contacts) && networkRange.contains(networks) && interactionRange.contains(interactions),
                     "Demo: counts out of range")
        var g = Generator(today: today, seed: seed, count: contacts)
        g.makeContacts(interactions: interactions)
        g.makeNetworks(networks)
        g.makeEvents()
        g.n.me = me
        g.n.scheme.criteria = criteria
        // Sorted where it was built: a copy would share the arrays and have to copy them again to sort.
        sortByID(&g.n)
        return g.n
    }
}

// MARK: - Random numbers

extension SplitMix {
    /// A rating on the high side of the scheme's threshold (1 or 10) or the low side (0 or 0.1).
    mutating func rating(high: Bool) -> Rating { high ? (chance(0.35) ? .ten : .one) : (chance(0.3) ? .zero : .tenth) }
}

// MARK: - Tables

/// Names, organisations and phones of one language area.
private struct Culture {
    var weight: Int
    var given: [String], family: [String]
    /// East Asian names put the family name first; Chinese and Korean without a space.
    var familyFirst = false, separator = " "
    /// First words of organisation names; the family names when empty.
    var orgWords: [String] = []
    var sectors: [String], suffixes: [String]
    var phones: [String]
    /// A local word for the head of the firm, used now and then.
    var chief: String?
}

private let cultures: [Culture] = [
    Culture(weight: 28,
            given: ["Aino", "Eero", "Mikko", "Päivi", "Sanna", "Jukka", "Tiina", "Väinö", "Hanna", "Ville", "Laura", "Timo",
                    "Riikka", "Olli", "Emilia", "Antti", "Satu", "Jyrki", "Kaisa", "Pekka", "Minna", "Tuuli", "Heikki", "Elina"],
            family: ["Järvinen", "Mäkelä", "Virtanen", "Korhonen", "Nieminen", "Mäkinen", "Hämäläinen", "Laine", "Heikkinen",
                     "Koskinen", "Lehtonen", "Räsänen", "Salminen", "Heinonen", "Kettunen", "Väisänen", "Hyvärinen",
                     "Jääskeläinen", "Pöyhönen", "Söderholm", "Lindroos", "Kärkkäinen", "Ylönen", "Östman"],
            sectors: ["Design", "Rakennus", "Logistiikka", "Konsultointi", "Energia", "Ohjelmistot", "Elintarvike", "Metalli", "Tilitoimisto"],
            suffixes: ["Oy", "Oy", "Oy Ab", "Ky"], phones: ["+358 40", "+358 50", "+358 44", "+358 45"], chief: "Toimitusjohtaja"),
    Culture(weight: 15,
            given: ["Åsa", "Björn", "Linnea", "Karin", "Gunnar", "Ingrid", "Lars", "Sofia", "Erik", "Märta", "Göran", "Agneta",
                    "Anders", "Maja", "Oskar", "Ebba", "Per", "Ylva", "Åke", "Elsa"],
            family: ["Lindström", "Åkesson", "Nyström", "Ekström", "Lindqvist", "Bergqvist", "Sjöberg", "Öberg", "Holm",
                     "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Söderberg", "Wallén", "Hellström", "Ångström"],
            sectors: ["Livsmedel", "Verkstäder", "Logistik", "Konsult", "Bygg", "Energi", "Design", "Mjukvara"],
            suffixes: ["AB"], phones: ["+46 70", "+46 72", "+46 73", "+46 76"], chief: "VD"),
    Culture(weight: 13,
            given: ["Søren", "Mette", "Frederik", "Sofie", "Niels", "Birgitte", "Rasmus", "Kirsten", "Jørgen", "Mads", "Line",
                    "Ida", "Bjørn", "Åse", "Signe", "Morten", "Louise", "Henrik"],
            family: ["Østergaard", "Kjær", "Nørgaard", "Kristensen", "Bach", "Kjeldsen", "Sørensen", "Hansen", "Vestergaard",
                     "Jørgensen", "Mølgaard", "Bækgaard", "Lykkegård", "Madsen", "Rasmussen", "Damgaard", "Thøgersen", "Præstegaard"],
            sectors: ["Vind", "Rådgivning", "Robotics", "Print", "Fødevarer", "Byggeri", "IT", "Design"],
            suffixes: ["ApS", "A/S"], phones: ["+45 20", "+45 22", "+45 26", "+45 31", "+45 40", "+45 42"], chief: "Direktør"),
    Culture(weight: 10,
            given: ["Ingrid", "Magnus", "Eirik", "Kari", "Øystein", "Solveig", "Håkon", "Sigrid", "Ole", "Torbjørn", "Ragnhild",
                    "Sindre", "Marte", "Ørjan", "Ingeborg", "Tone"],
            family: ["Solberg", "Håland", "Haugen", "Dahl", "Berg", "Bakke", "Lie", "Hagen", "Strøm", "Nygård", "Sæther",
                     "Økland", "Bjørnstad", "Aasen", "Fjeld", "Myhre", "Løvland", "Ødegaard"],
            sectors: ["Maritime", "Elektro", "Fjordfisk", "Havbruk", "Energi", "Rådgivning", "Bygg"],
            suffixes: ["AS"], phones: ["+47 90", "+47 92", "+47 93", "+47 41"], chief: "Daglig leder"),
    Culture(weight: 10,
            given: ["Hans", "Jürgen", "Katrin", "Stefan", "Ulrike", "Jörg", "Sabine", "Matthias", "Anja", "Günther", "Mareike",
                    "Lukas", "Lena", "Tobias", "Dörte", "Uwe"],
            family: ["Müller", "Schmidt", "Schäfer", "Weiß", "Groß", "Köhler", "Becker", "Hoffmann", "Krüger", "Wagner",
                     "Fischer", "Schröder", "Hübner", "Jäger", "Zimmermann", "Böhm"],
            sectors: ["Handel", "Maschinenbau", "Logistik", "Beratung", "Software", "Lebensmittel", "Energietechnik"],
            suffixes: ["GmbH", "GmbH", "AG", "GmbH & Co. KG"], phones: ["+49 151", "+49 160", "+49 171"], chief: "Geschäftsführer"),
    Culture(weight: 12,
            given: ["James", "Emma", "Oliver", "Charlotte", "Thomas", "Sarah", "Daniel", "Olivia", "Priya", "Michael", "Grace",
                    "Liam", "Aisha", "Chloe", "Ryan", "Zoë", "Renée", "Samuel"],
            family: ["Smith", "O'Brien", "Taylor", "Brown", "Wilson", "Evans", "Patel", "Walker", "Hughes", "Murphy", "Clarke",
                     "Robinson", "Wright", "Thompson", "Khan", "Lewis", "Kelly", "Edwards"],
            sectors: ["Consulting", "Logistics", "Software", "Foods", "Energy", "Design", "Marketing", "Capital"],
            suffixes: ["Ltd", "Ltd", "LLP", "Inc."], phones: ["+44 7700", "+353 87", "+1 415"]),
    Culture(weight: 5,
            given: ["芳", "伟", "娜", "静", "磊", "敏", "强", "丽", "洋", "杰", "晓明", "秀英", "建国"],
            family: ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"], familyFirst: true, separator: "",
            orgWords: ["Shenzhen", "Shanghai", "Hangzhou", "Guangzhou", "Ningbo", "Suzhou"],
            sectors: ["Bright Sourcing", "Electronics", "Trading", "Textiles", "Machinery"],
            suffixes: ["Co., Ltd."], phones: ["+86 138", "+86 139"]),
    Culture(weight: 4,
            given: ["健", "翔", "陽子", "美咲", "大輔", "直樹", "花子", "恵", "拓也", "由美"],
            family: ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"], familyFirst: true,
            orgWords: ["Sato", "Osaka", "Tokyo", "Nagoya", "Yokohama", "Kobe"],
            sectors: ["Trading", "Shoji", "Industries", "Foods"], suffixes: ["K.K.", "Co., Ltd."], phones: ["+81 90", "+81 80"]),
    Culture(weight: 3,
            given: ["민준", "서연", "지훈", "하은", "도윤", "수빈", "예준", "지우"],
            family: ["김", "이", "박", "최", "정", "강", "조", "윤"], familyFirst: true, separator: "",
            orgWords: ["Hanbit", "Daehan", "Seoul", "Busan", "Mirae"],
            sectors: ["Electronics", "Logistics", "Bio", "Shipbuilding"], suffixes: ["Co., Ltd."], phones: ["+82 10"]),
]

/// Who keeps the relationships: the hand-made demo's three and two more.
private let owners = [Demo.kaisa, Demo.jonas, Demo.henrik, "Liisa Koivisto", "Mads Holm"]

/// First-seen order, so the pools are the same in every run (a Set's order is not).
private func unique(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { !$0.isEmpty && seen.insert($0).inserted }
}

private let roles = unique(Demo.contactRows.map(\.role))
private let terms = unique(Demo.contactRows.flatMap { $0.competences + $0.needs } + Demo.me.offers + Demo.me.seeks)
private let tagPool = unique(Demo.contactRows.flatMap(\.tags)).filter { $0 != difficult }
private let contactNotes = unique(Demo.contactRows.map(\.notes))
private let networkKinds = unique(Demo.networkRows.map(\.kind) + ["customer group"])
private let networkNotes = unique(Demo.networkRows.map(\.notes))
private let difficult = "difficult"

private let places = ["Helsinki", "Tampere", "Turku", "Oulu", "Vaasa", "Jyväskylä", "Stockholm", "Göteborg", "Malmö", "Uppsala",
                      "Copenhagen", "Aarhus", "Odense", "Aalborg", "Oslo", "Bergen", "Trondheim", "Stavanger", "Hamburg",
                      "Berlin", "Nordic", "Baltic", "Øresund", "European"]
private let themes = ["Export", "Founders", "Design", "Energy", "Food", "Maritime", "Fintech", "Women in Tech", "Robotics",
                      "Sustainability", "Logistics", "Health", "Games", "Wood", "Procurement", "Tourism"]
/// (the name's last words, the network's kind)
private let groupTypes = [("Circle", "forum"), ("Forum", "forum"), ("Club", "club"), ("Breakfast Club", "club"),
                          ("Society", "association"), ("Association", "association"), ("Alliance", "association"),
                          ("Consortium", "project consortium"), ("Online Community", "online community"),
                          ("Customer Panel", "customer group")]
private let occasions = ["spring meetup", "autumn gala", "breakfast", "kick-off", "annual meeting", "workshop", "webinar",
                         "site visit", "pitching night", "summer party"]
private let fairs = ["Food & Export Fair", "Slush", "Nordic Design Week", "Hannover Messe", "Nor-Shipping", "Tech Expo Stockholm",
                     "Vaasa Energy Week", "Arctic15", "Finnish Business Days Berlin"]
private let cities = ["Helsinki", "Tampere", "Turku", "Oulu", "Stockholm", "Göteborg", "Malmö", "Copenhagen", "Aarhus", "Oslo",
                      "Bergen", "Hamburg", "Berlin", "München", "London", "Dublin", "Shanghai", "Tokyo", "Seoul", "online"]
private let followUpTexts = ["Send the proposal", "Send the meeting notes", "Introduce them to a partner who matches their need",
                             "Book the next meeting", "Send the market overview", "Call back about the pilot",
                             "Share the funding call", "Ask for a reference customer"]
private let keepReasons = ["our only door to the region", "a loyal customer for ten years", "the board asked us to stay", ""]
private let handovers = ["hand the contacts over to a colleague", "introduce our successor", ""]

// MARK: - Generating

private struct Generator {
    let today: Day
    let seed: UInt64
    let count: Int
    /// The network being built; its lists are in the order generated until they are sorted at the end.
    var n = Network()
    /// The contacts' organisations (by culture, by index) and the email parts, computed once each.
    var orgs: [[(name: String, domain: String)]] = []
    var locals: [Int: String] = [:]
    let cultureWeight = cultures.map(\.weight).reduce(0, +)

    init(today: Day, seed: UInt64, count: Int) {
        (self.today, self.seed, self.count) = (today, seed, count)
    }

    func random(_ stream: UInt64) -> SplitMix { SplitMix(seed: seed, stream: stream) }

    func time(daysAgo: Int, _ r: inout SplitMix) -> Timestamp { Demo.time(today, daysAgo: daysAgo, minute: r.below(600)) }

    // MARK: Contacts

    /// The contacts with their logs: first every contact's quadrant and share of the interactions,
    /// then each contact in full.
    mutating func makeContacts(interactions total: Int) {
        var plan = random(1)
        let quadrants = (0..<count).map { $0 < 4 ? Quadrant.allCases[$0] : quadrant(plan.below(100)) }
        let counts = share(total, quadrants, &plan)
        makeOrgs()
        var r = random(2), h = random(5)
        n.contacts.reserveCapacity(count)
        n.interactions.reserveCapacity(total)
        for i in 0..<count {
            var c = contact(i, quadrants[i], &r)
            history(&c, quadrants[i], counts[i], &h)
            n.contacts.append(c)
        }
    }

    /// Splits `total` interactions over the contacts by weight: none for some, a heavy tail for the
    /// rest, more for those who matter now. Systematic sampling (one random offset, then evenly
    /// spaced points over the summed weights) gives each contact its share rounded up or down, and
    /// exactly `total` in all.
    func share(_ total: Int, _ quadrants: [Quadrant], _ r: inout SplitMix) -> [Int] {
        var weights = quadrants.map { q -> Double in
            let factor = q == .key ? 2.5 : q == .maintain ? 1.8 : q == .rising ? 1.4 : 1
            return r.chance(0.12) ? 0 : factor * (1 + r.tail(max: 50))
        }
        var counts = [Int](repeating: 0, count: count)
        guard total > 0 else { return counts }
        if !weights.contains(where: { $0 > 0 }) { weights[0] = 1 }
        let step = weights.reduce(0, +) / Double(total)
        var point = r.unit() * step, sum = 0.0, placed = 0, last = 0
        for i in 0..<count where weights[i] > 0 {
            sum += weights[i]
            while point < sum && placed < total { counts[i] += 1; placed += 1; point += step }
            last = i
        }
        counts[last] += total - placed  // what rounding in the last sums may leave over
        return counts
    }

    /// Contact `i`: who they are, what they can do and need, and how they rate.
    mutating func contact(_ i: Int, _ q: Quadrant, _ r: inout SplitMix) -> Contact {
        var w = r.below(cultureWeight), ci = 0
        while w >= cultures[ci].weight { w -= cultures[ci].weight; ci += 1 }
        let culture = cultures[ci]
        let gi = r.below(culture.given.count), fi = r.below(culture.family.count)
        let (given, family) = (culture.given[gi], culture.family[fi])
        var name = culture.familyFirst ? family + culture.separator + given : given + culture.separator + family
        if r.chance(0.01) { name = decomposed(name) }
        var c = Contact(id: Demo.id(1, i), name: name, created: Timestamp(seconds: 0))
        let org = r.chance(0.03) ? (name: "", domain: "") : orgs[ci][r.skewed(orgs[ci].count)]
        c.organization = org.name
        c.role = culture.chief.map { r.chance(0.15) ? $0 : r.pick(roles) } ?? r.pick(roles)
        let localKey = (ci * 100 + gi) * 100 + fi
        let local = locals[localKey] ?? Demo.emailLocal(name)
        locals[localKey] = local
        c.emails = [Demo.email(local: local, domain: org.domain, i)]
        c.phones = [Demo.phone(r.pick(culture.phones), i)]

        c.importanceNow = r.rating(high: q.isHighNow)
        c.importanceFuture = r.rating(high: q.isHighFuture)
        c.stage = stage(q, r.below(100))
        c.kinds = r.some(ContactKind.allCases, r.chance(0.25) ? 2 : 1)
        c.tags = r.some(tagPool, r.int(0...3)) + (r.chance(0.02) ? [difficult] : [])
        c.competences = r.some(terms, r.int(1...3))
        c.needs = r.some(terms, r.int(0...2)).filter { !c.competences.contains($0) }
        c.notes = r.chance(0.15) ? r.pick(contactNotes) : ""
        c.chemistry = r.chance(0.3) ? nil : r.pick(Rating.allCases)
        c.owner = r.pick(owners)
        if r.chance(0.4) { c.criteria = criteria(for: c, &r) }
        return c
    }

    /// About one organisation per three contacts of a culture; a few have many contacts.
    mutating func makeOrgs() {
        for (ci, culture) in cultures.enumerated() {
            var r = random(100 + UInt64(ci))
            let n = max(1, count * culture.weight / cultureWeight / 3)
            var domains: [Int: String] = [:]
            orgs.append((0..<n).map { _ in
                let words = culture.orgWords.isEmpty ? culture.family : culture.orgWords
                let wi = r.below(words.count), si = r.below(culture.sectors.count)
                let name = words[wi] + " " + culture.sectors[si] + " " + r.pick(culture.suffixes)
                let key = wi * 100 + si
                let domain = domains[key] ?? Demo.emailDomain(name)
                domains[key] = domain
                return (name, domain)
            })
        }
    }

    /// Key 10 %, Rising 15 %, Maintain 20 %, Light touch 55 %.
    func quadrant(_ percent: Int) -> Quadrant {
        percent < 10 ? .key : percent < 25 ? .rising : percent < 45 ? .maintain : .lightTouch
    }

    /// Deeper relationships where the contact matters now.
    func stage(_ q: Quadrant, _ percent: Int) -> Stage {
        let (commitment, trust) = q.isHighNow ? (40, 80) : q == .rising ? (5, 40) : (5, 30)
        return percent < commitment ? .commitment : percent < trust ? .trust : .interest
    }

    /// Some of the demo scheme's criteria, mostly agreeing with the contact's quadrant; a few drift.
    func criteria(for c: Contact, _ r: inout SplitMix) -> [String: Rating] {
        var out: [String: Rating] = [:]
        let drift = r.chance(0.1)
        for criterion in Demo.criteria where r.chance(0.75) {
            let high = (criterion.axis == .now ? c.importanceNow : c.importanceFuture) >= .one
            out[criterion.id] = r.rating(high: high != drift)
        }
        return out
    }

    // MARK: Histories

    /// A contact's `k` interactions, added and updated times, rating history, follow-ups and, for a
    /// few, an exit decision.
    mutating func history(_ c: inout Contact, _ q: Quadrant, _ k: Int, _ r: inout SplitMix) {
        let cadence = Scheme.defaultPolicies[q]!.cadenceDays
        // Days ago of the newest and the oldest interaction: about a third are past their cadence.
        let newest = Int(Double(cadence) * 1.4 * r.unit())
        let oldest = k > 1 ? newest + 1 + r.below(max(1, 1095 - newest)) : newest
        let age = (k > 0 ? oldest : r.below(1000)) + r.int(3...60)
        c.created = time(daysAgo: age, &r)
        var latest = k > 0 ? newest : age

        // A rating history for some: how the contact got where it is; Rising ones mostly recently.
        if age > 3 && r.chance(0.15) {
            let (now, future) = (c.importanceNow, c.importanceFuture)
            c.importanceNow = r.pick(Rating.allCases)
            c.importanceFuture = q == .rising ? .tenth : r.pick(Rating.allCases)
            if (c.importanceNow, c.importanceFuture) == (now, future) { c.importanceNow = now == .ten ? .one : .ten }
            let last = q == .rising ? r.below(min(45, age - 1)) : r.below(age - 1)
            if last + 1 < age - 1 && r.chance(0.3) {
                let first = r.int((last + 1)...(age - 1))
                c.setRatings(now: r.pick(Rating.allCases), future: r.pick(Rating.allCases), on: today.adding(days: -first))
            }
            c.setRatings(now: now, future: future, on: today.adding(days: -last))
            latest = min(latest, last)
        }

        // The log: the newest first, the rest anywhere back to the oldest; some relationships one-sided.
        let oneSided = k >= 3 && r.chance(0.05)
        for j in 0..<k {
            let daysAgo = j == 0 ? newest : r.int(newest...oldest)
            let t = r.pick(Demo.interactionTemplates)
            var x = Interaction(id: Demo.id(4, n.interactions.count), contact: c.id, date: today.adding(days: -daysAgo),
                                kind: oneSided ? .meeting : t.0)
            (x.note, x.gave, x.got) = oneSided ? Demo.oneSidedTemplate : (t.1, t.2, t.3)
            if j == 0 && r.chance(0.07) {
                // Due around today: some overdue, some ahead, a few of the overdue ones done.
                let due = max(x.date.adding(days: 1), today.adding(days: r.int(-30...14)))
                let done = due < today && r.chance(0.3) ? min(today, due.adding(days: r.int(0...5))) : nil
                x.followUp = FollowUp(due: due, what: r.pick(followUpTexts), done: done)
            } else if j > 0 && r.chance(0.03) {
                x.followUp = FollowUp(due: x.date.adding(days: r.int(3...14)), what: r.pick(followUpTexts),
                                      done: min(today, x.date.adding(days: r.int(1...14))))
            }
            n.interactions.append(x)
        }
        c.updated = max(c.created, time(daysAgo: latest, &r))

        // A few decisions on relationships that are exit candidates by quadrant.
        if !q.isHighFuture && r.chance(0.02) {
            let on = today.adding(days: -r.below(min(age, 120) + 1))
            c.decision = decision(on: on, &r)
            c.updated = max(c.updated, Demo.time(today, daysAgo: today.days(since: on), minute: 400))
        }
    }

    func decision(on: Day, _ r: inout SplitMix) -> ExitDecision {
        switch r.below(4) {
        case 0: return .keep(reason: r.pick(keepReasons), on: on)
        case 1: return .reviewLater(until: today.adding(days: r.int(-10...90)), on: on)
        case 2: return .windDown(by: today.adding(days: r.int(10...120)), handover: r.pick(handovers), on: on)
        default: return .leave(on: on)
        }
    }

    // MARK: Networks and events

    mutating func makeNetworks(_ total: Int) {
        var r = random(3)
        // Every place × theme × type once, in a scattered order; then again with a number.
        let combinations = places.count * themes.count * groupTypes.count
        var step = 7919
        while combinations % step == 0 { step += 2 }
        n.networks.reserveCapacity(total)
        for j in 0..<total {
            let k = (j % combinations * step + 13) % combinations
            let (place, theme, type) = (places[k % places.count], themes[k / places.count % themes.count],
                                        groupTypes[k / places.count / themes.count])
            let round = j / combinations
            let name = place + " " + theme + " " + type.0 + (round > 0 ? " \(round + 1)" : "")
            let ageDays = r.int(120...1500)
            var g = NetworkGroup(id: Demo.id(2, j), name: name, created: time(daysAgo: ageDays, &r))
            g.updated = time(daysAgo: r.below(min(ageDays, 200)), &r)
            g.kind = r.chance(0.9) ? type.1 : r.pick(networkKinds)
            g.purposes = r.some(Purpose.allCases, r.int(1...3))
            g.hoursPerMonth = r.pick([0.5, 1, 2, 3, 4, 5, 6, 8, 10, 12.5])
            g.costPerYear = r.pick([0, 0, 150, 300, 600, 950, 1200, 2400, 3500, 5000])
            g.yield = r.pick([.zero, .tenth, .one, .one, .one, .one, .one, .one, .one, .one, .ten, .ten, .ten, .ten])
            g.bestBefore = r.chance(0.25) ? today.adding(days: r.int(-60...400)) : nil
            g.fair = r.chance(0.94)
            g.ambitionFit = r.chance(0.94)
            g.notes = r.chance(0.3) ? r.pick(networkNotes) : ""
            g.lastActivity = r.chance(0.85) ? today.adding(days: -r.skewed(250)) : nil
            // Sizes are skewed: most a handful to a few dozen, a few in the thousands.
            g.members = r.spread(Int(r.tail(max: 400) * 5) - 3, in: count).map { n.contacts[$0].id }
            if r.chance(0.05) {
                let on = today.adding(days: -r.below(min(ageDays, 200)))
                g.decision = decision(on: on, &r)
                g.updated = max(g.updated, Demo.time(today, daysAgo: today.days(since: on), minute: 400))
            }
            n.networks.append(g)
        }
    }

    /// Up to three events per network and one stand-alone event (a customer visit or a fair) per
    /// 500 contacts; the first is today, the rest mostly past, many ahead, a few today.
    mutating func makeEvents() {
        var r = random(4)
        func day(first: Bool, _ r: inout SplitMix) -> Day {
            if first { return today }
            let u = r.unit()
            return today.adding(days: u < 0.005 ? 0 : u < 0.4 ? r.int(1...90) : -r.int(1...540))
        }
        for g in n.networks where !g.members.isEmpty {
            for _ in 0..<r.below(4) {
                var e = Event(id: Demo.id(3, n.events.count), name: g.name + ": " + r.pick(occasions), date: day(first: n.events.isEmpty, &r))
                e.network = g.id
                e.location = r.pick(cities)
                let size = 1 + r.below(min(g.members.count, 40)), start = r.below(g.members.count)
                e.attendees = (0..<size).map { g.members[(start + $0) % g.members.count] }
                n.events.append(e)
            }
        }
        for _ in 0..<max(1, count / 500) {
            let date = day(first: n.events.isEmpty, &r)
            if r.chance(0.5) {
                let c = n.contacts[r.below(count)]
                var e = Event(id: Demo.id(3, n.events.count), name: "Customer visit: " + (c.organization.isEmpty ? c.name : c.organization), date: date)
                (e.location, e.attendees) = (r.pick(cities), [c.id])
                e.notes = r.chance(0.5) ? r.pick(followUpTexts) + "." : ""
                n.events.append(e)
            } else {
                var e = Event(id: Demo.id(3, n.events.count), name: r.pick(fairs), date: date)
                (e.location, e.attendees) = (r.pick(cities), r.spread(r.int(3...40), in: count).map { n.contacts[$0].id })
                n.events.append(e)
            }
        }
    }
}

/// The name with ä, ö, å, ü, é written as a letter and a combining mark (NFD), as some systems export them.
private func decomposed(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
        let mark: UInt32?, base: Unicode.Scalar
        switch u {
        case "ä": (base, mark) = ("a", 0x308)
        case "ö": (base, mark) = ("o", 0x308)
        case "ü": (base, mark) = ("u", 0x308)
        case "å": (base, mark) = ("a", 0x30A)
        case "é": (base, mark) = ("e", 0x301)
        case "Ä": (base, mark) = ("A", 0x308)
        case "Ö": (base, mark) = ("O", 0x308)
        case "Å": (base, mark) = ("A", 0x30A)
        default: (base, mark) = (u, nil)
        }
        out.append(base)
        if let mark { out.append(Unicode.Scalar(mark)!) }
    }
    return String(out)
}

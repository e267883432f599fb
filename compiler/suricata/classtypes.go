package suricata

// defaultPriority is Suricata's priority for a rule with neither a
// classtype nor a priority keyword.
const defaultPriority = 3

package suricata

func init() {
	registerBuffers("dns", []bufferDef{
		{name: "dns.query", aliases: []string{"dns_query"}},
		{name: "dns.queries.rrname", aliases: []string{"dns.query.name"}},
		{name: "dns.answers.rrname", aliases: []string{"dns.answer.name"}},
		{name: "dns.authorities.rrname"},
		{name: "dns.additionals.rrname"},
		{name: "dns.response.rrname"},
	})
}

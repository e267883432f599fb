package suricata

func init() {
	registerBuffers("ssh", []bufferDef{
		{name: "ssh.software", aliases: []string{"ssh_software"}},
		{name: "ssh.proto", aliases: []string{"ssh_proto"}},
		{name: "ssh.hassh"},
		{name: "ssh.hassh.server"},
	})
	registerBuffers("smtp", []bufferDef{
		{name: "smtp.helo"},
		{name: "smtp.mail_from"},
		{name: "smtp.rcpt_to"},
		{name: "email.from"},
		{name: "email.subject"},
		{name: "email.to"},
		{name: "email.cc"},
		{name: "email.date"},
		{name: "email.message_id"},
		{name: "email.x_mailer"},
		{name: "email.url"},
		{name: "email.received"},
	})
	registerBuffers("", []bufferDef{
		{name: "file.data", aliases: []string{"file_data"}},
		{name: "file.name"},
		{name: "file.magic"},
		{name: "base64_data"},
	})
}

package suricata

// ftp.reply is a sticky buffer of an FTP transaction: each reply line's text, after its code (to client, once the reply is complete).
func init() {
	registerBuffers("ftp", []bufferDef{{name: "ftp.reply"}})
}

package suricata

// ftp.completion_code is a sticky buffer of an FTP transaction: each reply line's 3-digit code (to client, once the reply is complete).
func init() {
	registerBuffers("ftp", []bufferDef{{name: "ftp.completion_code"}})
}

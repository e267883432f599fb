package suricata

// ftp.command is a sticky buffer of an FTP transaction: the command's name as Suricata's command table spells it (to server).
func init() {
	registerBuffers("ftp", []bufferDef{{name: "ftp.command"}})
}

package suricata

// ftp.command_data is a sticky buffer of an FTP transaction: what follows the command and its space, with Suricata's terminating NUL byte (to server).
func init() {
	registerBuffers("ftp", []bufferDef{{name: "ftp.command_data"}})
}

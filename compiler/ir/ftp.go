package ir

// FTPDataCommands are the commands ftpdata_command takes, as Suricata
// names them in rules; a flow's transfer command is compared by its
// position here, from 1.
var FTPDataCommands = []string{"stor", "appe", "stou", "retr", "nlst", "list", "mlsd"}

// FTPDataCommand is the code of an ftp-data transfer command (any case),
// 0 for another.
func FTPDataCommand(name string) int64 {
	for i, c := range FTPDataCommands {
		if len(name) == len(c) && equalFoldASCII(name, c) {
			return int64(i + 1)
		}
	}
	return 0
}

func equalFoldASCII(a, b string) bool {
	for i := range len(a) {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}

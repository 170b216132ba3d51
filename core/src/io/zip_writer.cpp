// (being written: the XLSX template writer, issue 6)

println 1.GiB + 512.MiB

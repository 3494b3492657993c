EpreuveCenter.main()

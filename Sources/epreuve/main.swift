Epreuve.main()

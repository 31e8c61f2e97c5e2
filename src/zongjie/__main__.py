from zongjie.cli.app import main

main()
